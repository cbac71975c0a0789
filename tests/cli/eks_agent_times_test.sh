#!/usr/bin/env bash
# EKS network policy agent flows in their CloudWatch forms take the time CloudWatch writes before
# the message as the flow's time: an export ("<RFC 3339> Node: ...;SIP: ..."), and `aws logs
# tail` (detailed: "<isoformat> <log stream> Node: ...", short: "<seconds, UTC> Node: ...").
# --since/--until select by it, and a reused pod address is attributed by it.
source "$(dirname "$0")/lib.sh"

flow() {  # flow SRC SPORT DST DPORT VERDICT: the agent's CloudWatch message
  printf 'Node: ip-10-0-0-1.ec2.internal;SIP: %s;SPORT: %s;DIP: %s;DPORT: %s;PROTOCOL: TCP;PolicyVerdict: %s' "$@"
}
STREAM=aws-network-policy-agent-audit-5f0e7c2a

# --since/--until: one flow before the window, one in it, one after; each form once.
{
  echo "2025-11-24T09:30:00.000Z $(flow 10.0.0.5 40000 10.0.0.9 80 ACCEPT)"
  echo "2025-11-24T10:30:00.250000+00:00 $STREAM $(flow 10.0.0.6 40001 10.0.0.9 80 ACCEPT)"
  echo "2025-11-24T11:30:00 $(flow 10.0.0.7 40002 10.0.0.9 80 ACCEPT)"
} >"$WORK/agent.log"
run recommend "$WORK/agent.log" --since 2025-11-24T10:00:00Z --until 2025-11-24T11:00:00Z
check "window: exit 0" exit_is 0
check "window: read as the agent's log" err_has "agent.log (eks network policy agent)"
check "window: the flow inside is used" err_has "read 3 records, used 1, observed 2025-11-24T10:30:00Z to 2025-11-24T10:30:00Z"
check "window: the export line before it is left out" err_has "before --since: 1"
check "window: the short tail line after it is left out" err_has "after --until: 1"
check "window: no line is without a time" err_lacks "no time stamp"
run recommend "$WORK/agent.log" --since 2025-11-24T11:00:00Z
check "window: --since alone keeps the short tail line" err_has "read 3 records, used 1, observed 2025-11-24T11:30:00Z"
# Relative bounds count back from the library's clock, which NETOBS_NOW fixes: at 12:00, -2h to
# -1h is the 10:00-11:00 window above.
NETOBS_NOW=2025-11-24T12:00:00Z run recommend "$WORK/agent.log" --since -2h --until -1h
check "relative window: exit 0" exit_is 0
check "relative window: counted back from NETOBS_NOW" err_has "read 3 records, used 1, observed 2025-11-24T10:30:00Z to 2025-11-24T10:30:00Z"
check "relative window: the line before it is left out" err_has "before --since: 1"
NETOBS_NOW=2025-11-25T11:00:00Z run recommend "$WORK/agent.log" --since -24h
check "relative --since -24h: keeps only the line after 2025-11-24T11:00" err_has "read 3 records, used 1, observed 2025-11-24T11:30:00Z"
NETOBS_NOW=tomorrow run recommend "$WORK/agent.log"
check "a NETOBS_NOW that is no time is a usage error" exit_is 2
check "a bad NETOBS_NOW is named" err_has "NETOBS_NOW 'tomorrow'"

# Pod leases: 10.0.0.5 was a-0's until 10:00 and b-0's from 11:00 (two inventory snapshots); c-0
# serves at 10.0.0.9. The agent saw 10.0.0.5 call c at 09:30 and at 11:30.
pod() {  # pod SET IP START SEEN: a StatefulSet pod in namespace x, SEEN dating the snapshot
  printf '{"kind":"Pod","metadata":{"name":"%s-0","namespace":"x","labels":{"app":"%s"},"ownerReferences":[{"kind":"StatefulSet","name":"%s","controller":true}]},"spec":{"containers":[{"name":"c","ports":[{"containerPort":80}]}]},"status":{"phase":"Running","podIP":"%s","startTime":"2025-11-24T%s:00Z","conditions":[{"type":"Ready","lastTransitionTime":"2025-11-24T%s:00Z"}]}}' \
    "$1" "$1" "$1" "$2" "$3" "$4"
}
printf '{"kind":"List","items":[%s,%s]}\n' "$(pod a 10.0.0.5 09:00 10:00)" "$(pod c 10.0.0.9 08:00 10:00)" >"$WORK/at-10.json"
printf '{"kind":"List","items":[%s,%s]}\n' "$(pod b 10.0.0.5 11:00 12:00)" "$(pod c 10.0.0.9 08:00 12:00)" >"$WORK/at-12.json"
{
  echo "2025-11-24T09:30:00.000Z $(flow 10.0.0.5 40000 10.0.0.9 80 ACCEPT)"
  echo "2025-11-24T11:30:00.000000+00:00 $STREAM $(flow 10.0.0.5 40001 10.0.0.9 80 ACCEPT)"
} >"$WORK/leases.log"
run recommend "$WORK/leases.log" --inventory "$WORK/at-10.json" --inventory "$WORK/at-12.json" -o "$WORK/leases.yaml"
check "leases: exit 0" exit_is 0
# c's ingress admits a (09:30) and b (11:30): each flow went to the pod that held the address then.
c_policy=$(awk 'BEGIN {RS = "---\n"} /\n  name: c-netobs\n/' "$WORK/leases.yaml")
check "leases: c admits a, whose address it was at 09:30" grep -q 'app: a' <<<"$c_policy"
check "leases: c admits b, whose address it was at 11:30" grep -q 'app: b' <<<"$c_policy"
check "leases: a has its own policy (its egress to c)" grep -q 'name: a-netobs' "$WORK/leases.yaml"
check "leases: no address is left unattributed" err_lacks "pod addresses no pod held"

finish
