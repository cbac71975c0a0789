#!/usr/bin/env bash
# The shell completions, generated from the CLI definition at build time, know every subcommand
# and every long flag netobs --help lists, and `netobs completion SHELL` prints the same scripts.
source "$(dirname "$0")/lib.sh"
: "${NETOBS_BUILD_DIR:?NETOBS_BUILD_DIR must name the build tree}"
COMPLETIONS="$NETOBS_BUILD_DIR/cli/completions"

subcommands=$(netobs_subcommands)
check "netobs --help lists subcommands" test -n "$subcommands"
for sub in $subcommands; do
  flags=$(long_flags "$sub")
  for file in netobs.bash _netobs netobs.fish; do
    check "$file knows $sub" grep -qw -- "$sub" "$COMPLETIONS/$file"
    for flag in $flags; do
      if [ "$file" = netobs.fish ]; then
        check "$file knows $sub ${flag}" grep -qE -- "-l ${flag#--}( |$)" "$COMPLETIONS/$file"
      else
        check "$file knows $sub $flag" grep -qF -- "$flag" "$COMPLETIONS/$file"
      fi
    done
  done
done
for pair in bash:netobs.bash zsh:_netobs fish:netobs.fish; do
  run completion "${pair%%:*}"
  check "completion ${pair%%:*} exits 0" exit_is 0
  check "completion ${pair%%:*} prints the installed script" cmp -s "$WORK/out" "$COMPLETIONS/${pair#*:}"
done
run completion tcsh
check "completion of an unknown shell is a usage error" exit_is 2
top_flags=$(long_flags)
for flag in $top_flags; do
  check "netobs.bash knows top-level $flag" grep -qF -- "$flag" "$COMPLETIONS/netobs.bash"
done
finish
