# fish completion for netobs. Install: copy to ~/.config/fish/completions/netobs.fish.
set -l subcommands recommend connectivity explain lint completion
complete -c netobs -f
complete -c netobs -n "not __fish_seen_subcommand_from $subcommands" -l help -d 'Print help'
complete -c netobs -n "not __fish_seen_subcommand_from $subcommands" -l version -d 'Print version'
complete -c netobs -n "not __fish_seen_subcommand_from $subcommands" -a recommend -d 'Write least-privilege NetworkPolicies for observed flows'
complete -c netobs -n "not __fish_seen_subcommand_from $subcommands" -a connectivity -d 'List every connection the NetworkPolicies allow'
complete -c netobs -n "not __fish_seen_subcommand_from $subcommands" -a explain -d 'Explain why one connection is allowed or denied'
complete -c netobs -n "not __fish_seen_subcommand_from $subcommands" -a lint -d 'Check NetworkPolicy manifests'
complete -c netobs -n "not __fish_seen_subcommand_from $subcommands" -a completion -d 'Print a shell completion script'

complete -c netobs -n "__fish_seen_subcommand_from recommend" -F
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l help -d 'Print help'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l inventory -r -F -d 'kubectl get ... -o json output'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l input-format -x -a 'auto vpc hubble' -d 'Record format'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l vpc-format -x -d 'LogFormat of header-less VPC records'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l include-dropped -d 'Use Hubble DROPPED/AUDIT flows as evidence'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l strict -d 'Stop at the first malformed record'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l cluster-cidr -x -d 'Pod or Service range'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l dns -x -a 'auto none' -d 'DNS egress in every policy'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l dns-selector -x -d 'DNS pods as NAMESPACE/key=value'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l dns-ip -x -d 'Also allow DNS to this address'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -s n -l namespace -x -d 'Write policies only for this namespace'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l default-deny -d 'Add a deny-all policy per namespace'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l format -x -a 'yaml json' -d 'Output format'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -s o -l output -r -F -d 'Write to FILE atomically'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -l top -x -d 'Rows per list in the summary'
complete -c netobs -n "__fish_seen_subcommand_from recommend" -s q -l quiet -d 'No summary on stderr'

complete -c netobs -n "__fish_seen_subcommand_from connectivity" -F
complete -c netobs -n "__fish_seen_subcommand_from connectivity" -l help -d 'Print help'
complete -c netobs -n "__fish_seen_subcommand_from connectivity" -l inventory -r -F -d 'kubectl get ... -o json output'
complete -c netobs -n "__fish_seen_subcommand_from connectivity" -l format -x -a 'txt json csv md dot' -d 'Output format'
complete -c netobs -n "__fish_seen_subcommand_from connectivity" -l ipblock-scope -x -a 'all external' -d 'Whether ipBlocks match pod addresses'
complete -c netobs -n "__fish_seen_subcommand_from connectivity" -s o -l output -r -F -d 'Write to FILE atomically'

complete -c netobs -n "__fish_seen_subcommand_from explain" -F
complete -c netobs -n "__fish_seen_subcommand_from explain" -l help -d 'Print help'
complete -c netobs -n "__fish_seen_subcommand_from explain" -l inventory -r -F -d 'kubectl get ... -o json output'
complete -c netobs -n "__fish_seen_subcommand_from explain" -l from -x -d 'Source: ns/workload, ns/pod or IP'
complete -c netobs -n "__fish_seen_subcommand_from explain" -l to -x -d 'Destination: ns/workload, ns/pod or IP'
complete -c netobs -n "__fish_seen_subcommand_from explain" -l port -x -d 'PORT or PORT/PROTOCOL'
complete -c netobs -n "__fish_seen_subcommand_from explain" -l format -x -a 'text json' -d 'Output format'
complete -c netobs -n "__fish_seen_subcommand_from explain" -l ipblock-scope -x -a 'all external' -d 'Whether ipBlocks match pod addresses'

complete -c netobs -n "__fish_seen_subcommand_from lint" -F
complete -c netobs -n "__fish_seen_subcommand_from lint" -l help -d 'Print help'
complete -c netobs -n "__fish_seen_subcommand_from lint" -l inventory -r -F -d 'kubectl get ... -o json output'
complete -c netobs -n "__fish_seen_subcommand_from lint" -l flows -r -F -d 'Observed flows'
complete -c netobs -n "__fish_seen_subcommand_from lint" -l vpc-format -x -d 'LogFormat of header-less VPC records'
complete -c netobs -n "__fish_seen_subcommand_from lint" -l cluster-cidr -x -d 'Pod or Service range'
complete -c netobs -n "__fish_seen_subcommand_from lint" -l format -x -a 'text json sarif github markdown' -d 'Output format'
complete -c netobs -n "__fish_seen_subcommand_from lint" -l fail-on -x -a 'error warning' -d 'Lowest severity that fails'
complete -c netobs -n "__fish_seen_subcommand_from lint" -l list-rules -d 'Print the rules'
complete -c netobs -n "__fish_seen_subcommand_from lint" -s o -l output -r -F -d 'Write to FILE atomically'

complete -c netobs -n "__fish_seen_subcommand_from completion" -l help -d 'Print help'
complete -c netobs -n "__fish_seen_subcommand_from completion" -x -a 'bash zsh fish'
