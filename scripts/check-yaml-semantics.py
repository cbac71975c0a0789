#!/usr/bin/env python3
"""check-yaml-semantics.py [REV]: the golden files changed since REV (default HEAD) say the same in
YAML as they did: a change of the YAML writer may change how a value is written (indentation,
quoting), never what it means. Reads YAML with PyYAML (YAML 1.1, so `yes`, `on`, `0x1F` and
`2025-11-24` count as the booleans, numbers and dates they are there).

- `.yaml` files: every document parsed, old and new, must be equal.
- Other files (`diff`'s reports, whose unified diffs show policies as YAML; JSON strings are
  split into lines first): the same lines; where two differ, the objects a whole added or
  removed object's diff spells out are parsed and compared, and each other line must read the
  same once indentation is ignored (`key: value`, `- value` parsed as YAML).

Prints one line per changed file (same, or what differs) and exits 1 when one differs."""
import json
import os
import subprocess
import sys

import yaml


def old_text(rev, path):
    return subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, text=True, check=True).stdout


def line_meaning(line):
    """A YAML line with its indentation dropped, parsed; the text itself when it is not YAML."""
    stripped = line.strip()
    try:
        return ("yaml", yaml.safe_load(stripped))
    except yaml.YAMLError:
        return ("text", stripped)


def whole_objects(lines):
    """The YAML of each object a unified diff adds or removes whole (`@@ -0,0 +1,N @@`)."""
    objects, current = [], None
    for line in lines:
        if line.startswith("@@ -0,0 ") or (line.startswith("@@ -1,") and " +0,0 " in line):
            current = []
            objects.append(current)
        elif line.startswith("@@") or line.startswith("--- ") or not line[:1] in ("+", "-"):
            current = None
        elif current is not None:
            current.append(line[1:])
    return [yaml.safe_load("\n".join(obj)) for obj in objects]


def compare_lines(old, new):
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(old_lines) != len(new_lines):
        return f"{len(old_lines)} lines, now {len(new_lines)}"
    if whole_objects(old_lines) != whole_objects(new_lines):
        return "an added or removed object reads differently"
    for number, (a, b) in enumerate(zip(old_lines, new_lines), 1):
        if a == b:
            continue
        marker_a, marker_b = a[:1] if a[:1] in "+- " else "", b[:1] if b[:1] in "+- " else ""
        if marker_a != marker_b:
            return f"line {number}: {a!r} became {b!r}"
        if line_meaning(a[len(marker_a):]) != line_meaning(b[len(marker_b):]):
            return f"line {number}: {a!r} became {b!r}"
    return None


def compare_json(old, new, where="$"):
    if isinstance(old, dict) and isinstance(new, dict):
        if old.keys() != new.keys():
            return f"{where}: keys differ"
        for key in old:
            problem = compare_json(old[key], new[key], f"{where}.{key}")
            if problem:
                return problem
        return None
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return f"{where}: {len(old)} items, now {len(new)}"
        for index, (a, b) in enumerate(zip(old, new)):
            problem = compare_json(a, b, f"{where}[{index}]")
            if problem:
                return problem
        return None
    if isinstance(old, str) and isinstance(new, str) and old != new:
        problem = compare_lines(old, new)
        return f"{where}: {problem}" if problem else None
    return None if old == new else f"{where}: {old!r} became {new!r}"


def compare(path, old, new):
    if path.endswith(".yaml"):
        return None if list(yaml.safe_load_all(old)) == list(yaml.safe_load_all(new)) else "documents differ"
    if path.endswith(".json"):
        return compare_json(json.loads(old), json.loads(new))
    return compare_lines(old, new)


def main():
    rev = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True)
    os.chdir(root.stdout.strip())
    changed = subprocess.run(["git", "diff", "--name-only", rev, "--", "tests/golden"], capture_output=True, text=True,
                             check=True).stdout.split()
    differing = 0
    for path in changed:
        with open(path, encoding="utf-8") as current:
            problem = compare(path, old_text(rev, path), current.read())
        print(f"{path}: {'DIFFERS: ' + problem if problem else 'same YAML'}")
        differing += problem is not None
    print(f"{len(changed)} changed golden files, {differing} differ in meaning")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
