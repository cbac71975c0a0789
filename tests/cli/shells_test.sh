#!/usr/bin/env bash
# The completions in the real shells (bash with Debian's bash-completion, zsh's compinit, fish):
# subcommands, options, enumerated values and file names.
source "$(dirname "$0")/lib.sh"
: "${NETOBS_BUILD_DIR:?NETOBS_BUILD_DIR must name the build tree}"
COMPLETIONS="$NETOBS_BUILD_DIR/cli/completions"  # generated from the CLI definition
ZSH_COMPLETE="$NETOBS_SOURCE_DIR/tests/testutil/zsh_complete.zsh"
touch "$WORK/cluster-inventory.json"

# bash_complete LINE: what bash's completion offers at the end of LINE (words split on spaces;
# a trailing space starts an empty word).
bash_complete() {
  bash -c 'source /usr/share/bash-completion/bash_completion; source "$1"; shift
    read -ra COMP_WORDS <<<"$1"; [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=$1; COMP_POINT=${#COMP_LINE}
    _netobs; printf "%s\n" "${COMPREPLY[@]}"' _ "$COMPLETIONS/netobs.bash" "$1" | sort -u
}
zsh_complete() { zsh "$ZSH_COMPLETE" "$COMPLETIONS" "$1"; }
fish_complete() { fish -c "source '$COMPLETIONS/netobs.fish'; complete -C '$1'" | cut -f1 | sort -u; }

# offers SHELL LINE WORD...: the shell offers every WORD for LINE.
offers() {
  local shell=$1 line=$2
  shift 2
  "${shell}_complete" "$line" >"$WORK/offered"
  local word
  for word in "$@"; do
    grep -qxF -- "$word" "$WORK/offered" || { echo "  $shell offered for '$line':"; sed 's/^/    /' "$WORK/offered"; return 1; }
  done
}

for shell in bash zsh fish; do
  if [ "$shell" = bash ] && [ ! -f /usr/share/bash-completion/bash_completion ] || ! command -v "$shell" >/dev/null; then
    skip "$shell completion" "$shell or its completion is not installed (scripts/install-test-tools.sh installs it)"
    continue
  fi
  check "$shell: subcommands" offers "$shell" "netobs rec" recommend
  check "$shell: all subcommands" offers "$shell" "netobs " recommend connectivity explain lint diff graph completion
  check "$shell: options" offers "$shell" "netobs recommend --form" --format
  check "$shell: --prometheus options" offers "$shell" "netobs lint --prometheus-t" --prometheus-token-file --prometheus-timeout
  check "$shell: --format values of lint" offers "$shell" "netobs lint --format " text json sarif github md
  check "$shell: --format values of recommend" offers "$shell" "netobs recommend --format " yaml json
  check "$shell: --format values of graph" offers "$shell" "netobs graph --format " dot mermaid json svg html
  check "$shell: graph's --policies takes files" offers "$shell" "netobs graph --policies cluster-inv" cluster-inventory.json
  check "$shell: options after a flag" offers "$shell" "netobs graph --strict --for" --format
  check "$shell: completion's shells" offers "$shell" "netobs completion " bash zsh fish
  check "$shell: --input-format values" offers "$shell" "netobs recommend --input-format " auto hubble vpc prometheus
  check "$shell: file names" offers "$shell" "netobs recommend --inventory cluster-inv" cluster-inventory.json
done
finish
