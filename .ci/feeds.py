"""Every Atom feed of a built site parses cleanly with feedparser."""
import pathlib
import sys

import feedparser

feeds = sorted(pathlib.Path(sys.argv[1]).rglob("atom.xml"))
assert feeds, "no feed found"
for path in feeds:
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0, f"{path}: {feed.get('bozo_exception')}"
    assert feed.version == "atom10", f"{path}: {feed.version}"
    assert feed.entries, f"{path}: no entries"
    print(f"{path}: atom10, {len(feed.entries)} entries")
