#!/usr/bin/env python3
"""Save-to-reload latency of `bayan serve`, and its memory.

Usage: bench/serve-latency.py BAYAN SITE_DIR ARTICLE URL [RUNS]

Starts `BAYAN serve --port 0 --root SITE_DIR`, opens the reload event
stream, then RUNS times (default 11): rewrites ARTICLE (a path relative to
SITE_DIR) with a new title, and times from the write to (1) the `reload`
event and (2) the article's page (URL, a path) served with the new title. Prints each
run, the medians, and the server's peak resident memory (VmHWM).
Measures a running server, never asserts: the project's tests do not time.
"""
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import time


def events(host, port):
    sock = socket.create_connection((host, port))
    sock.sendall(b"GET /__bayan/events HTTP/1.1\r\nHost: x\r\n\r\n")
    return sock.makefile("rb")


def next_reload(stream):
    for raw in stream:
        if raw.strip() == b"event: reload":
            return


def fetch(host, port, path):
    conn = http.client.HTTPConnection(host, port)
    conn.request("GET", path)
    body = conn.getresponse().read().decode()
    conn.close()
    return body


def main():
    bayan, site, article, url = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 11
    server = subprocess.Popen(
        [bayan, "serve", "--port", "0", "--root", site],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    host, port = re.search(r"http://([^:/]+):(\d+)/", line).groups()
    port = int(port)
    stream = events(host, port)
    path = os.path.join(site, article)
    original = open(path, encoding="utf-8").read()
    to_event, to_page = [], []
    try:
        for run in range(runs):
            title = f"Mesure {run} {time.time_ns()}"
            text = re.sub(r'^title = ".*"$', f'title = "{title}"', original, count=1, flags=re.M)
            start = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            next_reload(stream)
            event = time.perf_counter() - start
            body = fetch(host, port, url)
            page = time.perf_counter() - start
            assert title in body, f"run {run}: the page at {url} lacks the new title"
            to_event.append(event * 1000)
            to_page.append(page * 1000)
            print(f"run {run}: reload event {event*1000:.0f} ms, page {page*1000:.0f} ms", flush=True)
            time.sleep(0.3)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        rss = peak_memory(server.pid)
        server.terminate()
        server.wait()
    print(f"median: reload event {statistics.median(to_event):.0f} ms, "
          f"reloaded page {statistics.median(to_page):.0f} ms ({runs} runs)")
    print(f"server peak memory (VmHWM): {rss}")


def peak_memory(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                return line.split(":", 1)[1].strip()
    return "unknown"


if __name__ == "__main__":
    main()
