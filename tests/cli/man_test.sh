#!/usr/bin/env bash
# Man pages, rendered from the CLI definition at build time: one per subcommand, each with every
# long option its --help lists, readable by man(1); `cmake --install` puts the binary, the pages
# and the completions where the tools look for them.
source "$(dirname "$0")/lib.sh"
: "${NETOBS_BUILD_DIR:?NETOBS_BUILD_DIR must name the build tree}"
MAN="$NETOBS_BUILD_DIR/cli/man"

subcommands=$(netobs_subcommands)
check "the netobs page exists" test -s "$MAN/netobs.1"
for sub in $subcommands; do
  page="$MAN/netobs-$sub.1"
  check "netobs-$sub.1 exists" test -s "$page"
  check "netobs-$sub.1 starts with its title" grep -q "^\.TH NETOBS-${sub^^} 1" "$page"
  check "netobs.1 lists $sub" grep -q "^\\\\fB$sub\\\\fR" "$MAN/netobs.1"
  # --help ends with two examples of the subcommand; its page has them too.
  "$NETOBS" "$sub" --help >"$WORK/help.txt"
  check "$sub --help has two examples" test "$(sed -n '/^Examples:/,$p' "$WORK/help.txt" | grep -c "^  netobs $sub ")" -eq 2
  check "netobs-$sub.1 has its examples" grep -q "^\.SH EXAMPLES" "$page"
  if command -v man >/dev/null; then
    MANWIDTH=200 man -l -P cat "$page" >"$WORK/$sub.txt" 2>"$WORK/$sub.err"
    check "man renders netobs-$sub.1 without complaint" test ! -s "$WORK/$sub.err"
    for flag in $(long_flags "$sub"); do
      check "netobs-$sub(1) documents $flag" grep -qF -- "$flag" "$WORK/$sub.txt"
    done
  else
    skip "man renders netobs-$sub.1 with every option" "man is not installed (scripts/install-deps.sh installs man-db)"
  fi
done
# roff writes a hyphen as \-.
check "the version is on the pages" grep -qF "$("$NETOBS" --version | sed 's/-/\\-/g')" "$MAN/netobs-recommend.1"

# cmake --install: binary, pages and completions in their standard places.
if cmake --install "$NETOBS_BUILD_DIR" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1; then
  check "install: the binary" test -x "$WORK/prefix/bin/netobs"
  check "install: the man pages" test -s "$WORK/prefix/share/man/man1/netobs-diff.1"
  check "install: bash completion" cmp -s "$WORK/prefix/share/bash-completion/completions/netobs" "$NETOBS_BUILD_DIR/cli/completions/netobs.bash"
  check "install: zsh completion" test -s "$WORK/prefix/share/zsh/site-functions/_netobs"
  check "install: fish completion" test -s "$WORK/prefix/share/fish/vendor_completions.d/netobs.fish"
else
  check "cmake --install succeeds" false
  cat "$WORK/install.log"
fi
finish
