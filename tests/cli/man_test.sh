#!/usr/bin/env bash
# Man pages, rendered from the CLI definition at build time: one per subcommand, each with every
# long option its --help lists, readable by man(1); `cmake --install` puts the binary, the pages
# and the completions where the tools look for them.
source "$(dirname "$0")/lib.sh"
: "${NETOBS_BUILD_DIR:?NETOBS_BUILD_DIR must name the build tree}"
MAN="$NETOBS_BUILD_DIR/cli/man"

subcommands=$(netobs_subcommands)
check "the netobs page exists" test -s "$MAN/netobs.1"
check "netobs.1 has a NAME line" grep -qE '^netobs \\- [a-z][^:]*$' "$MAN/netobs.1"
for sub in $subcommands; do
  page="$MAN/netobs-$sub.1"
  check "netobs-$sub.1 exists" test -s "$page"
  check "netobs-$sub.1 starts with its title" grep -q "^\.TH NETOBS-${sub^^} 1" "$page"
  check "netobs.1 lists $sub" grep -q "^\\\\fB$sub\\\\fR" "$MAN/netobs.1"
  # --help ends with two examples of the subcommand; its page has them too.
  "$NETOBS" "$sub" --help >"$WORK/help.txt"
  check "$sub --help has two examples" test "$(sed -n '/^Examples:/,$p' "$WORK/help.txt" | grep -c "^  netobs $sub ")" -eq 2
  check "netobs-$sub.1 has its examples" grep -q "^\.SH EXAMPLES" "$page"
  # NAME as whatis(1) reads it: "netobs-diff \- show what ...", lower-case, no exit-code remark.
  sed -n '/^\.SH NAME/{n;p}' "$page" >"$WORK/name-line"
  check "netobs-$sub.1 has a NAME line of its own" grep -qE "^netobs-$sub \\\\- [a-z]" "$WORK/name-line"
  check "netobs-$sub.1's NAME line leaves exit codes to EXIT STATUS" test "$(grep -c '(exit' "$WORK/name-line")" -eq 0
  # EXIT STATUS is the command's own: exit 1 only where the command can end with it.
  sed -n '/^\.SH EXIT STATUS/,/^\.SH SEE ALSO/p' "$page" >"$WORK/exit-status"
  for status in 0 2 3; do
    check "netobs-$sub.1 explains exit $status" grep -qx "$status" "$WORK/exit-status"
  done
  case $sub in
    explain | lint | diff) check "netobs-$sub.1 explains exit 1" grep -qx 1 "$WORK/exit-status" ;;
    *) check "netobs-$sub.1 has no exit 1" test "$(grep -cx 1 "$WORK/exit-status")" -eq 0 ;;
  esac
  if command -v man >/dev/null; then
    MANWIDTH=200 man -l -P cat "$page" >"$WORK/$sub.txt" 2>"$WORK/$sub.err"
    check "man renders netobs-$sub.1 without complaint" test ! -s "$WORK/$sub.err"
    check "whatis reads netobs-$sub's NAME line" grep -qE "^\"?netobs-$sub - [a-z]" <(lexgrog "$page" | sed 's/^[^:]*: //')
    for flag in $(long_flags "$sub"); do
      check "netobs-$sub(1) documents $flag" grep -qF -- "$flag" "$WORK/$sub.txt"
    done
  else
    skip "man renders netobs-$sub.1 with every option" "man is not installed (scripts/install-test-tools.sh installs man-db)"
  fi
done
# roff writes a hyphen as \-.
check "the version is on the pages" grep -qF "$("$NETOBS" --version | sed 's/-/\\-/g')" "$MAN/netobs-recommend.1"

# The man pages and completions are built with netobs itself (the Quick start builds only
# `--target netobs`, and `cmake --install` needs them).
if command -v ninja >/dev/null && [ -f "$NETOBS_BUILD_DIR/build.ninja" ]; then
  ninja -C "$NETOBS_BUILD_DIR" -t commands cli/netobs >"$WORK/netobs-commands.txt"
  check "building netobs renders the man pages and completions" \
    grep -qE "netobs_docs $MAN $NETOBS_BUILD_DIR/cli/completions" "$WORK/netobs-commands.txt"
else
  skip "building netobs renders the man pages" "ninja or build.ninja is missing"
fi

# cmake --install: binary, pages and completions in their standard places: a page for netobs and
# one for each subcommand --help lists, nothing else, and the completions committed in completions/.
if cmake --install "$NETOBS_BUILD_DIR" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1; then
  check "install: the binary" test -x "$WORK/prefix/bin/netobs"
  ls "$WORK/prefix/share/man/man1" >"$WORK/man1.txt"
  { echo netobs.1; for sub in $subcommands; do echo "netobs-$sub.1"; done; } | sort >"$WORK/man1-expected.txt"
  check "install: man1/ holds exactly the pages of netobs and its subcommands" diff "$WORK/man1-expected.txt" "$WORK/man1.txt"
  check "install: the sql page" test -s "$WORK/prefix/share/man/man1/netobs-sql.1"
  completions="$NETOBS_SOURCE_DIR/completions"
  check "install: bash completion (from completions/)" cmp -s "$WORK/prefix/share/bash-completion/completions/netobs" "$completions/netobs.bash"
  check "install: zsh completion (from completions/)" cmp -s "$WORK/prefix/share/zsh/site-functions/_netobs" "$completions/_netobs"
  check "install: fish completion (from completions/)" cmp -s "$WORK/prefix/share/fish/vendor_completions.d/netobs.fish" "$completions/netobs.fish"
  check "install: bash-completion/completions holds netobs alone" test "$(ls "$WORK/prefix/share/bash-completion/completions")" = netobs
else
  check "cmake --install succeeds" false
  cat "$WORK/install.log"
fi
finish
