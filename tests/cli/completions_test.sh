#!/usr/bin/env bash
# The shell completions, generated from the CLI definition at build time, know every subcommand
# and every long flag netobs --help lists, `netobs completion SHELL` prints the same scripts, and
# the copies committed in completions/ are the same.
source "$(dirname "$0")/lib.sh"
: "${NETOBS_BUILD_DIR:?NETOBS_BUILD_DIR must name the build tree}"
COMPLETIONS="$NETOBS_BUILD_DIR/cli/completions"

# section FILE SUB: the part of completion script FILE that completes subcommand SUB (a flag
# found elsewhere in the file belongs to another subcommand and proves nothing about SUB).
section() {
  case $1 in
    netobs.bash) awk -v start="    $2)" '$0 == start {on = 1} on {print} on && /^      ;;$/ {exit}' "$COMPLETIONS/$1" ;;
    _netobs) awk -v start="        $2)" '$0 == start {on = 1} on {print} on && /^          ;;$/ {exit}' "$COMPLETIONS/$1" ;;
    netobs.fish) grep -F -- "__fish_seen_subcommand_from $2\"" "$COMPLETIONS/$1" ;;
  esac
}
# has_flag FILE FLAG: the section in $WORK/section names FLAG as a whole (not --format in
# --format-x); fish names long flags as `-l NAME`.
has_flag() {
  if [ "$1" = netobs.fish ]; then
    grep -qE -- "-l ${2#--}( |$)" "$WORK/section"
  else
    grep -qE -- "(^|[^a-z-])$2([^a-z-]|$)" "$WORK/section"
  fi
}

subcommands=$(netobs_subcommands)
check "netobs --help lists subcommands" test -n "$subcommands"
for sub in $subcommands; do
  flags=$(long_flags "$sub")
  for file in netobs.bash _netobs netobs.fish; do
    check "$file knows $sub" grep -qw -- "$sub" "$COMPLETIONS/$file"
    section "$file" "$sub" >"$WORK/section"
    check "$file has a section for $sub" test -s "$WORK/section"
    for flag in $flags; do
      check "$file completes $flag after $sub" has_flag "$file" "$flag"
    done
  done
done
for pair in bash:netobs.bash zsh:_netobs fish:netobs.fish; do
  run completion "${pair%%:*}"
  check "completion ${pair%%:*} exits 0" exit_is 0
  check "completion ${pair%%:*} prints the installed script" cmp -s "$WORK/out" "$COMPLETIONS/${pair#*:}"
done
# The committed copies in completions/ (what `cmake --install` installs) are current, as
# docs/lint-rules.md is checked against `lint --list-rules`.
for file in netobs.bash _netobs netobs.fish; do
  check "completions/$file is current (scripts/update-completions.sh regenerates it)" \
    cmp -s "$NETOBS_SOURCE_DIR/completions/$file" "$COMPLETIONS/$file"
done
run completion tcsh
check "completion of an unknown shell is a usage error" exit_is 2
top_flags=$(long_flags)
for flag in $top_flags; do
  check "netobs.bash knows top-level $flag" grep -qF -- "$flag" "$COMPLETIONS/netobs.bash"
done
finish
