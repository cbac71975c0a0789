# bash completion for netobs. Install: source this file, or copy it to
# /usr/share/bash-completion/completions/netobs.
_netobs() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  local subcommands="recommend connectivity explain lint diff completion"
  local sub=""
  local i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      recommend|connectivity|explain|lint|diff|completion) sub=${words[i]}; break ;;
    esac
  done
  if [[ -z $sub ]]; then
    case $prev in
      --max-depth|--max-nodes|--max-alias-nodes|--max-documents|--max-line-bytes|--max-file-bytes) return ;;
    esac
    COMPREPLY=($(compgen -W "$subcommands --help --version --max-depth --max-nodes --max-alias-nodes --max-documents
      --max-line-bytes --max-file-bytes" -- "$cur"))
    return
  fi
  case $sub in
    recommend)
      case $prev in
        --prometheus-token-file|--prometheus-ca|--prometheus-cert|--prometheus-key) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --prometheus|--window|--prometheus-header|--prometheus-timeout|--prometheus-retries) return ;;
        --input-format) COMPREPLY=($(compgen -W "auto nfm eks-agent hubble prometheus vpc" -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "yaml json" -- "$cur")); return ;;
        --dns) COMPREPLY=($(compgen -W "auto none" -- "$cur")); return ;;
        --inventory|--output|-o|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --checkpoint|--edges|--agent-token-file|--agent-ca|--agent-cert|--agent-key) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --vpc-format|--cluster-cidr|--dns-selector|--dns-ip|--namespace|-n|--top|--context|--request-timeout) return ;;
        --exclude-namespace|--dns-upstream|--vpc-cidr|--apiserver-cidr) return ;;
        --duration|--max-flows|--since|--until|--checkpoint-every|--agent-header) return ;;
        --agent-connect-timeout|--agent-idle-timeout|--agent-retries) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --inventory --input-format --vpc-format --include-dropped --include-denied --strict
          --cluster-cidr --dns --dns-selector --dns-ip --namespace --default-deny --format --output --top
          --quiet --from-cluster --kubeconfig --context --request-timeout --all-namespaces --exclude-namespace
          --dns-upstream --vpc-cidr --apiserver-cidr --follow --duration --max-flows --since --until
          --checkpoint --checkpoint-every --edges --agent-token-file --agent-ca --agent-cert --agent-key
          --agent-header --agent-insecure --agent-connect-timeout --agent-idle-timeout --agent-retries
          --prometheus --window --prometheus-token-file --prometheus-ca --prometheus-cert --prometheus-key --prometheus-header --prometheus-insecure --prometheus-timeout --prometheus-retries" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    connectivity)
      case $prev in
        --format) COMPREPLY=($(compgen -W "text json csv md dot" -- "$cur")); return ;;
        --ipblock-scope) COMPREPLY=($(compgen -W "all external" -- "$cur")); return ;;
        --inventory|--output|-o|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --namespace|-n|--context|--request-timeout) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --inventory --format --ipblock-scope --output --namespace --from-cluster
          --kubeconfig --context --request-timeout --strict-input --nodes" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    explain)
      case $prev in
        --format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
        --ipblock-scope) COMPREPLY=($(compgen -W "all external" -- "$cur")); return ;;
        --inventory|--kubeconfig|--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --from|--to|--port|--namespace|-n|--context|--request-timeout) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --inventory --from --to --port --format --ipblock-scope --namespace
          --from-cluster --kubeconfig --context --request-timeout --strict-input --output" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    lint)
      case $prev in
        --prometheus-token-file|--prometheus-ca|--prometheus-cert|--prometheus-key) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --prometheus|--window|--prometheus-header|--prometheus-timeout|--prometheus-retries) return ;;
        --format) COMPREPLY=($(compgen -W "text json sarif github markdown" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "error warning" -- "$cur")); return ;;
        --inventory|--flows|--output|-o|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --vpc-format|--cluster-cidr|--namespace|-n|--context|--request-timeout) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --inventory --flows --vpc-format --cluster-cidr --format --fail-on --list-rules
          --output --namespace --from-cluster --kubeconfig --context --request-timeout --strict-input
          --prometheus --window --prometheus-token-file --prometheus-ca --prometheus-cert --prometheus-key --prometheus-header --prometheus-insecure --prometheus-timeout --prometheus-retries" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    diff)
      case $prev in
        --prometheus-token-file|--prometheus-ca|--prometheus-cert|--prometheus-key) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --prometheus|--window|--prometheus-header|--prometheus-timeout|--prometheus-retries) return ;;
        --format) COMPREPLY=($(compgen -W "text json md" -- "$cur")); return ;;
        --ipblock-scope) COMPREPLY=($(compgen -W "all external" -- "$cur")); return ;;
        --live|--inventory|--flows|--output|-o|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --vpc-format|--cluster-cidr|--namespace|-n|--context|--request-timeout) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --live --inventory --flows --vpc-format --cluster-cidr --namespace --format
          --ipblock-scope --prune --output --kubeconfig --context --request-timeout --strict-input
          --prometheus --window --prometheus-token-file --prometheus-ca --prometheus-cert --prometheus-key --prometheus-header --prometheus-insecure --prometheus-timeout --prometheus-retries" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    completion)
      case $prev in
        --output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      esac
      COMPREPLY=($(compgen -W "bash zsh fish --help --output" -- "$cur"))
      ;;
  esac
}
complete -F _netobs netobs
