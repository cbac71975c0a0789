#!/usr/bin/env python3
"""md_links.py ROOT FILE...: prints every relative link of the Markdown FILEs that does not
resolve: a path (relative to the linking file) that does not exist inside ROOT, or a #fragment
that names no heading of its target (GitHub's anchors). Links in code are not links. Exit 1 when
one is broken, 0 otherwise."""
import os
import re
import sys

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`[^`]*`")


def prose_lines(path):
    """(line number, text) of the lines outside fenced code, inline code removed."""
    in_fence = False
    with open(path, encoding="utf-8") as text:
        for number, line in enumerate(text, 1):
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if not in_fence:
                yield number, CODE_SPAN.sub("", line)


def anchors(path):
    """GitHub's heading anchors: lower-case, punctuation but - and _ dropped, spaces as -."""
    found = set()
    in_fence = False
    with open(path, encoding="utf-8") as text:
        for line in text:
            if FENCE.match(line):
                in_fence = not in_fence
            elif not in_fence and line.startswith("#"):
                title = line.lstrip("#").strip().lower()
                slug = re.sub(r"[^\w\- ]", "", title).replace(" ", "-")
                base, n = slug, 1
                while slug in found:
                    slug, n = f"{base}-{n}", n + 1
                found.add(slug)
    return found


def broken_links(root, path):
    for number, line in prose_lines(path):
        for target in LINK.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
                continue
            file_part, _, fragment = target.partition("#")
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
            inside = os.path.abspath(resolved).startswith(os.path.abspath(root) + os.sep)
            if not inside or not os.path.exists(resolved):
                yield f"{path}:{number}: {target}: no such file"
            elif fragment and resolved.endswith(".md") and fragment not in anchors(resolved):
                yield f"{path}:{number}: {target}: no heading #{fragment} in {file_part or path}"


def main():
    root, files = sys.argv[1], sys.argv[2:]
    problems = [problem for path in files for problem in broken_links(root, path)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
