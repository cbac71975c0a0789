#!/usr/bin/env python3
"""flag_literals.py DIR...: prints every string literal in the C++ sources (.cpp, .hpp) under the
DIRs that spells a flag ("--max-depth"), as FILE:LINE: "literal", and exits 1 when there is one.
Comments are not code: flags in them are not reported. The library names options (Option) and the
front end spells them (netobs/option.hpp), so lib/ must hold none; ALLOWED lists the exceptions,
each with its reason."""
import os
import re
import sys

FLAG = re.compile(r"--[a-z]")

# (pattern the line's code matches, why its flag literal may stay).
ALLOWED = [
    # None today. An entry is (re.compile(PATTERN), "why the literal may stay").
]

# A C++ token that can hold "//" or "--" without being a comment or a flag: string and character
# literals (raw ones too), and the two comment forms.
TOKEN = re.compile(
    r'(?P<raw>R"(?P<delim>[^(\s]*)\((?P<raw_body>.*?)\)(?P=delim)")'
    r'|(?P<string>"(?P<body>(?:[^"\\\n]|\\.)*)")'
    r"|(?P<char>'(?:[^'\\\n]|\\.)*')"
    r"|(?P<line_comment>//[^\n]*)"
    r"|(?P<block_comment>/\*.*?\*/)",
    re.DOTALL,
)


def flag_literals(path):
    """(line number, literal) of each string literal of the file that spells a flag."""
    with open(path, encoding="utf-8") as source:
        text = source.read()
    lines = text.split("\n")
    for match in TOKEN.finditer(text):
        body = match.group("body") if match.group("string") else match.group("raw_body")
        if body is None or not FLAG.search(body):
            continue
        number = text.count("\n", 0, match.start()) + 1
        if any(pattern.search(lines[number - 1]) for pattern, _ in ALLOWED):
            continue
        yield number, match.group(0)


def main(dirs):
    found = 0
    for top in dirs:
        for folder, subfolders, files in os.walk(top):
            subfolders.sort()
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(folder, name)
                for number, literal in flag_literals(path):
                    print(f"{path}:{number}: {literal}: a flag spelled in the library (name it with spell(Option::...))")
                    found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
