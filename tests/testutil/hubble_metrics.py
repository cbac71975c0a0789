#!/usr/bin/env python3
"""Turns Hubble flow JSON lines into the metric Cilium's port-distribution handler keeps, as a
/metrics body: hubble_port_distribution_total{protocol,port,<labelsContext>} counting forwarded,
non-reply flows by destination port. Tests use it to show that the same traffic read as flows
and as metrics gives the same policies.

  hubble_metrics.py FLOWS [--openmetrics] [--labels source_namespace,...] [--noise]
                    [--timestamp MS] [--halve]
"""
import argparse
import collections
import json
import sys

ALL_LABELS = ["source_ip", "source_namespace", "source_workload", "source_workload_kind",
              "destination_ip", "destination_namespace", "destination_workload", "destination_workload_kind"]


def escape(value):
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def context(flow, side):
    endpoint = flow.get(side) or {}
    workloads = endpoint.get("workloads") or [{}]
    ip = (flow.get("IP") or {}).get(side, "")
    return {
        f"{side}_ip": ip,
        f"{side}_namespace": endpoint.get("namespace", ""),
        f"{side}_workload": workloads[0].get("name", ""),
        f"{side}_workload_kind": workloads[0].get("kind", ""),
    }


def series(path, labels):
    counts = collections.Counter()
    with open(path) as lines:
        for line in lines:
            record = json.loads(line)
            flow = record.get("flow", record)
            if flow.get("verdict") not in ("FORWARDED", "REDIRECTED") or flow.get("is_reply"):
                continue
            l4 = flow.get("l4") or {}
            for protocol in ("TCP", "UDP", "SCTP"):
                if protocol in l4:
                    port = l4[protocol].get("destination_port", 0)
                    break
            else:
                continue
            values = {"protocol": protocol, "port": str(port)}
            values.update(context(flow, "source"))
            values.update(context(flow, "destination"))
            counts[tuple((k, values[k]) for k in ["protocol", "port"] + labels)] += 1
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("flows")
    parser.add_argument("--openmetrics", action="store_true")
    parser.add_argument("--labels", default=",".join(ALL_LABELS))
    parser.add_argument("--noise", action="store_true", help="other metrics around the edge metric")
    parser.add_argument("--timestamp", type=int, help="a timestamp (ms) on every edge sample")
    parser.add_argument("--halve", action="store_true", help="half of each count, rounded down (an earlier scrape)")
    parser.add_argument("--retina", action="store_true",
                        help="also Retina's forward count for ui -> carts:8080, and for its replies")
    args = parser.parse_args()
    labels = [label for label in args.labels.split(",") if label]
    out = sys.stdout
    name = "hubble_port_distribution"
    if args.noise:
        out.write('# HELP go_goroutines Number of goroutines that currently exist.\n# TYPE go_goroutines gauge\n')
        out.write("go_goroutines 42\n")
        out.write('hubble_flows_processed_total{protocol="TCP",subtype="to-endpoint",type="Trace",verdict="FORWARDED"} 1234\n')
    out.write(f"# HELP {name}_total Numbers of packets distributed by destination port\n")
    out.write(f"# TYPE {name if args.openmetrics else name + '_total'} counter\n")
    for key, count in sorted(series(args.flows, labels).items()):
        body = ",".join(f'{k}="{escape(v)}"' for k, v in key)
        if args.halve:
            count //= 2  # a counter one scrape earlier: every series grows between the two
        stamp = f" {args.timestamp}" if args.timestamp is not None else ""
        out.write(f"{name}_total{{{body}}} {count}{stamp}\n")
    if args.retina:
        ends = [("10.0.1.21", "ui", "ui-5d8f7c9b4-abcde", "ui", "40000"),
                ("10.0.1.41", "carts", "carts-7b8c9d6f4-pqrst", "carts", "8080")]
        out.write("# TYPE networkobservability_adv_forward_count counter\n")
        for source, destination in (ends, ends[::-1]):
            labels = {"direction": "egress", "protocol": "TCP"}
            for side, (ip, ns, pod, workload, port) in (("source", source), ("destination", destination)):
                labels.update({f"{side}_ip": ip, f"{side}_namespace": ns, f"{side}_podname": pod,
                               f"{side}_workload_kind": "Deployment", f"{side}_workload_name": workload,
                               f"{side}_port": port})
            body = ",".join(f'{k}="{v}"' for k, v in labels.items())
            count = 2 if args.halve else 4
            stamp = f" {args.timestamp}" if args.timestamp is not None else ""
            out.write(f"networkobservability_adv_forward_count{{{body}}} {count}{stamp}\n")
    if args.noise:
        out.write('# a comment, then a summary\nrpc_duration_seconds{quantile="0.5"} 4773\nrpc_duration_seconds_sum 1.7560473e+07\n')
    if args.openmetrics:
        out.write("# EOF\n")


if __name__ == "__main__":
    main()
