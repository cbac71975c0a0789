# bash completion for netobs, generated from its command line (netobs completion bash).
# Install: source this file, or copy it to ~/.local/share/bash-completion/completions/netobs.
_netobs() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  local sub="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      recommend|connectivity|explain|lint|diff|graph|sql|completion) sub=${words[i]}; break ;;
    esac
  done
  case $sub in
    "")
      case $prev in
        --max-depth|--max-nodes|--max-alias-nodes|--max-documents|--max-line-bytes|--max-file-bytes) return ;;
      esac
      COMPREPLY=($(compgen -W "recommend connectivity explain lint diff graph sql completion --help --version --max-depth --max-nodes --max-alias-nodes --max-documents --max-line-bytes --max-file-bytes" -- "$cur"))
      ;;
    recommend)
      case $prev in
        --input-format) COMPREPLY=($(compgen -W "auto edges nfm eks-agent hubble prometheus edge-rows vpc" -- "$cur")); return ;;
        --dns) COMPREPLY=($(compgen -W "auto none" -- "$cur")); return ;;
        --output-kind) COMPREPLY=($(compgen -W "networkpolicy cilium eks clusternetworkpolicy" -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "yaml json" -- "$cur")); return ;;
        --edges|--agent-token-file|--agent-ca|--agent-cert|--agent-key|--prometheus-token-file|--prometheus-ca|--prometheus-cert|--prometheus-key|--inventory|--kubeconfig|--checkpoint|--vpc-resources|--aws-ip-ranges|--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --vpc-format|--cluster-cidr|--since|--until|--agent-header|--agent-connect-timeout|--agent-idle-timeout|--agent-retry-for|--prometheus|--window|--prometheus-header|--prometheus-timeout|--prometheus-retries|--context|--request-timeout|--duration|--max-flows|--checkpoint-every|--scrape-interval|--dns-selector|--dns-ip|--namespace|-n|--exclude-namespace|--dns-upstream|--vpc-cidr|--apiserver-cidr|--top) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --input-format --vpc-format --include-denied --include-dropped --strict --cluster-cidr --edges --since --until --agent-token-file --agent-ca --agent-cert --agent-key --agent-header --agent-insecure --agent-connect-timeout --agent-idle-timeout --agent-retry-for --prometheus --window --prometheus-token-file --prometheus-ca --prometheus-cert --prometheus-key --prometheus-header --prometheus-insecure --prometheus-timeout --prometheus-retries --inventory --from-cluster --kubeconfig --context --request-timeout --follow --duration --max-flows --checkpoint --checkpoint-every --scrape-interval --dns --dns-selector --dns-ip --namespace --all-namespaces --exclude-namespace --dns-upstream --vpc-cidr --apiserver-cidr --default-deny --output-kind --vpc-resources --aws-ip-ranges --egress-names --aggregate-aws --format --output --quiet --top" -- "$cur"))
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
        COMPREPLY=($(compgen -W "--help --inventory --format --ipblock-scope --output --quiet --namespace --from-cluster --kubeconfig --context --request-timeout --strict-input --nodes" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    explain)
      case $prev in
        --format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
        --ipblock-scope) COMPREPLY=($(compgen -W "all external" -- "$cur")); return ;;
        --inventory|--output|-o|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --from|--to|--port|--namespace|-n|--context|--request-timeout) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --inventory --from --to --port --format --ipblock-scope --namespace --output --quiet --from-cluster --kubeconfig --context --request-timeout --strict-input" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    lint)
      case $prev in
        --input-format) COMPREPLY=($(compgen -W "auto edges nfm eks-agent hubble prometheus edge-rows vpc" -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "text json sarif github md" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "error warning" -- "$cur")); return ;;
        --inventory|--flows|--edges|--agent-token-file|--agent-ca|--agent-cert|--agent-key|--prometheus-token-file|--prometheus-ca|--prometheus-cert|--prometheus-key|--output|-o|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --vpc-format|--cluster-cidr|--since|--until|--agent-header|--agent-connect-timeout|--agent-idle-timeout|--agent-retry-for|--prometheus|--window|--prometheus-header|--prometheus-timeout|--prometheus-retries|--namespace|-n|--context|--request-timeout) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --inventory --flows --input-format --vpc-format --include-denied --include-dropped --strict --cluster-cidr --edges --since --until --agent-token-file --agent-ca --agent-cert --agent-key --agent-header --agent-insecure --agent-connect-timeout --agent-idle-timeout --agent-retry-for --prometheus --window --prometheus-token-file --prometheus-ca --prometheus-cert --prometheus-key --prometheus-header --prometheus-insecure --prometheus-timeout --prometheus-retries --format --fail-on --list-rules --output --quiet --namespace --from-cluster --kubeconfig --context --request-timeout --strict-input" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    diff)
      case $prev in
        --input-format) COMPREPLY=($(compgen -W "auto edges nfm eks-agent hubble prometheus edge-rows vpc" -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "text json md" -- "$cur")); return ;;
        --ipblock-scope) COMPREPLY=($(compgen -W "all external" -- "$cur")); return ;;
        --live|--inventory|--flows|--edges|--agent-token-file|--agent-ca|--agent-cert|--agent-key|--prometheus-token-file|--prometheus-ca|--prometheus-cert|--prometheus-key|--output|-o|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --vpc-format|--cluster-cidr|--since|--until|--agent-header|--agent-connect-timeout|--agent-idle-timeout|--agent-retry-for|--prometheus|--window|--prometheus-header|--prometheus-timeout|--prometheus-retries|--namespace|-n|--context|--request-timeout) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --live --inventory --flows --input-format --vpc-format --include-denied --include-dropped --strict --cluster-cidr --edges --since --until --agent-token-file --agent-ca --agent-cert --agent-key --agent-header --agent-insecure --agent-connect-timeout --agent-idle-timeout --agent-retry-for --prometheus --window --prometheus-token-file --prometheus-ca --prometheus-cert --prometheus-key --prometheus-header --prometheus-insecure --prometheus-timeout --prometheus-retries --namespace --format --ipblock-scope --prune --output --quiet --kubeconfig --context --request-timeout --strict-input --skip-unparsable" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    graph)
      case $prev in
        --input-format) COMPREPLY=($(compgen -W "auto edges nfm eks-agent hubble prometheus edge-rows vpc" -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "dot mermaid json svg html" -- "$cur")); return ;;
        --edges|--agent-token-file|--agent-ca|--agent-cert|--agent-key|--prometheus-token-file|--prometheus-ca|--prometheus-cert|--prometheus-key|--inventory|--kubeconfig|--checkpoint|--policies|--output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --vpc-format|--cluster-cidr|--since|--until|--agent-header|--agent-connect-timeout|--agent-idle-timeout|--agent-retry-for|--prometheus|--window|--prometheus-header|--prometheus-timeout|--prometheus-retries|--context|--request-timeout|--duration|--max-flows|--checkpoint-every|--scrape-interval|--namespace|-n) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --input-format --vpc-format --include-denied --include-dropped --strict --cluster-cidr --edges --since --until --agent-token-file --agent-ca --agent-cert --agent-key --agent-header --agent-insecure --agent-connect-timeout --agent-idle-timeout --agent-retry-for --prometheus --window --prometheus-token-file --prometheus-ca --prometheus-cert --prometheus-key --prometheus-header --prometheus-insecure --prometheus-timeout --prometheus-retries --inventory --from-cluster --kubeconfig --context --request-timeout --follow --duration --max-flows --checkpoint --checkpoint-every --scrape-interval --namespace --policies --format --output --quiet" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    sql)
      case $prev in
        --engine) COMPREPLY=($(compgen -W "athena trino spark duckdb" -- "$cur")); return ;;
        --output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --table|--log-format|--since|--until|--cluster-cidr) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --engine --table --log-format --since --until --partitioned --cluster-cidr --output --quiet" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    completion)
      case $prev in
        --output|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--help --output --quiet" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur"))
      fi
      ;;
  esac
}
complete -F _netobs netobs
