#!/usr/bin/env zsh
# zsh_complete.zsh FPATH_DIR LINE: the completions a real interactive zsh (compinit, the
# completion function from FPATH_DIR) offers for LINE followed by Tab, one per line. zsh completes
# only inside its line editor, so this drives one in a pseudo-terminal (zsh/zpty) and records
# what compadd is given.
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
zpty -w z "PROMPT=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
# The marker is split in the definition, so the terminal's echo of this line holds no "<hit>":
# only compadd's output does, and the reading below waits for that, not for the echo.
zpty -w z 'compadd () { typeset -a __hits; builtin compadd -A __hits "$@"; print -rl -- "<""hit>"${^__hits}; builtin compadd "$@" }'
zpty -w z 'bindkey "^I" complete-word'
zpty -n -w z "$2"$'\t'
local all="" chunk
integer quiet=0
# Read until the terminal stays silent for a second after the first hit (at most twenty seconds:
# a loaded machine is slow to start zsh and compinit).
for i in {1..200}; do
  if zpty -r -t z chunk; then
    all+=$chunk
    quiet=0
  else
    (( ++quiet >= 10 )) && [[ $all == *'<hit>'* ]] && break
    sleep 0.1
  fi
done
print -r -- "$all" | tr '\r' '\n' | grep -a '<hit>' | sed 's/.*<hit>//' | sort -u
zpty -d z
