#!/usr/bin/env bash
# The shell completions know every subcommand and every long flag netobs --help lists.
source "$(dirname "$0")/lib.sh"
COMPLETIONS="$NETOBS_SOURCE_DIR/completions"

subcommands=$("$NETOBS" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1}')
check "netobs --help lists subcommands" test -n "$subcommands"
for sub in $subcommands; do
  flags=$("$NETOBS" "$sub" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
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
for shell in bash zsh fish; do
  run completion "$shell"
  check "completion $shell exits 0" exit_is 0
done
run completion bash
check "completion bash prints the bash script" cmp -s "$WORK/out" "$COMPLETIONS/netobs.bash"
run completion tcsh
check "completion of an unknown shell is a usage error" exit_is 2
top_flags=$("$NETOBS" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
for flag in $top_flags; do
  check "netobs.bash knows top-level $flag" grep -qF -- "$flag" "$COMPLETIONS/netobs.bash"
done
finish
