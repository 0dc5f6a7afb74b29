#!/usr/bin/env python3
"""The Bayan commands of the CI examples, in the order each pipeline runs them.

Reads .github/workflows/pages.yml (the `site` job's steps) and .gitlab-ci.yml
(the `pages` job's script), fails if either does not parse or has no `check`
before its `build`, and prints each command, prefixed by the example's name,
so that .ci/run can run exactly those commands in that order.
"""
import sys

import yaml


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip().startswith("bayan ")]


def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def github(path):
    with open(path, encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    steps = workflow["jobs"]["site"]["steps"]
    return [cmd for step in steps if "run" in step for cmd in lines(step["run"])]


def gitlab(path):
    with open(path, encoding="utf-8") as f:
        pipeline = yaml.safe_load(f)
    return [cmd for item in flatten(pipeline["pages"]["script"]) for cmd in lines(item)]


def main():
    examples = {
        "github": github(".github/workflows/pages.yml"),
        "gitlab": gitlab(".gitlab-ci.yml"),
    }
    for name, commands in examples.items():
        kinds = [next((w for w in c.split() if w in ("check", "build")), None) for c in commands]
        if "check" not in kinds or "build" not in kinds or kinds.index("check") > kinds.index("build"):
            sys.exit(f"{name}: expected `bayan check` before `bayan build`, found {commands}")
        for command in commands:
            print(f"{name}\t{command}")


main()
