#include <algorithm>

#include <fmt/format.h>

#include <netobs/option.hpp>
#include <netobs/plural.hpp>
#include <netobs/render.hpp>
#include <netobs/report_scope.hpp>
#include <netobs/time.hpp>

namespace netobs {
namespace {

// The `top` largest counts, largest first, ties in key order (deterministic).
template <typename Key>
std::vector<std::pair<Key, std::uint64_t>> top_counts(const std::map<Key, std::uint64_t>& counts, std::size_t top) {
  std::vector<std::pair<Key, std::uint64_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (rows.size() > top) rows.resize(top);
  return rows;
}

template <typename Key, typename Describe>
void list_section(std::string& out, const std::string& title, const std::map<Key, std::uint64_t>& counts,
                  std::size_t top, Describe describe) {
  if (counts.empty()) return;
  out += fmt::format("  {} ({}):\n", title, counts.size());
  for (const auto& [key, count] : top_counts(counts, top)) {
    out += fmt::format("    {}  x{}\n", describe(key), count);
  }
  if (counts.size() > top) out += fmt::format("    ... and {} more\n", counts.size() - top);
}

void lines_section(std::string& out, const std::string& title, const std::vector<std::string>& lines, std::size_t top) {
  if (lines.empty()) return;
  out += fmt::format("  {} ({}):\n", title, lines.size());
  for (std::size_t i = 0; i < lines.size() && i < top; ++i) out += fmt::format("    {}\n", lines[i]);
  if (lines.size() > top) out += fmt::format("    ... and {} more\n", lines.size() - top);
}

}  // namespace

std::string render_unused_records(const IngestSummary& summary) {
  std::string out;
  for (const auto& warning : summary.warnings) out += fmt::format("  warning: {}\n", warning);
  if (!summary.skipped.empty()) {
    out += "  skipped:\n";
    for (const auto& [reason, count] : describe_skips(summary.skipped))
      out += fmt::format("    {}: {}\n", reason, count);
  }
  if (summary.malformed_count) {
    out += fmt::format("  malformed records skipped: {}\n", summary.malformed_count);
    for (const auto& record : summary.malformed) out += fmt::format("    {}\n", describe(record));
    if (summary.malformed_count > summary.malformed.size()) {
      out += fmt::format("    ... and {} more\n", summary.malformed_count - summary.malformed.size());
    }
  }
  return out;
}

std::string render_summary(const IngestSummary& summary, const Graph& graph, const Recommendation& recommendation,
                           std::size_t top, const std::vector<std::string>& namespaces) {
  std::string out;
  out += fmt::format("read {}, used {}", counted(summary.records_read, "record", "records"), summary.records_used);
  if (summary.first_seen) {
    const std::int64_t span = summary.last_seen - summary.first_seen;
    out += fmt::format(", observed {} to {} (a window of {}h{:02}m: what runs less often may be missing)",
                       format_rfc3339(summary.first_seen), format_rfc3339(summary.last_seen), span / 3600,
                       span % 3600 / 60);
  }
  out += "\n";
  lines_section(out, "sources", summary.sources, top);
  // Every gap, however many: each is a time the policies know nothing about.
  if (summary.reconnects > 0) out += fmt::format("  reconnects to agents: {}\n", summary.reconnects);
  for (const auto& gap : summary.gaps) {
    out += fmt::format("  gap: {} unreachable from {} for {}s ({} failed attempt{}{})\n", gap.source,
                       format_rfc3339(gap.start), gap.seconds, gap.attempts, gap.attempts == 1 ? "" : "s",
                       gap.open ? ", until the collection ended" : "");
  }
  out += render_unused_records(summary);
  // Drops kept as evidence are allowed by the policies: the heading must not say otherwise.
  const bool any_evidence = std::any_of(summary.denied.begin(), summary.denied.end(),
                                        [](const auto& entry) { return entry.first.used_as_evidence; });
  list_section(out,
               any_evidence ? "rejected or dropped connections (those marked 'used as evidence' are allowed)"
                            : "rejected or dropped connections, not used as evidence",
               summary.denied, top, [](const DeniedConnection& d) {
                 return fmt::format("{} -> {} {} {} ({}{})", d.client, d.server, to_string(d.protocol), d.port,
                                    d.reason, d.used_as_evidence ? ", used as evidence" : "");
               });
  out += fmt::format("  graph: {}, {}\n", counted(graph.workloads.size(), "workload", "workloads"),
                     counted(graph.edges.size(), "edge", "edges"));
  const AttributionReport& report = graph.report;
  list_section(out,
               "node traffic (networking/v1 writes no rule for it; the cilium kind allows the host or remote-node "
               "entity observed)",
               report.node_traffic, top, [](const std::string& s) { return s; });
  list_section(out,
               "unattributable: node addresses talking to the outside (pod egress SNATed by the VPC CNI; "
               "Hubble flows, or AWS_VPC_K8S_CNI_EXTERNALSNAT=true, attribute it to pods)",
               report.snat, top, [](const IpAddress& ip) { return to_string(ip); });
  list_section(out, "in-cluster addresses the inventory does not explain (no rule written)", report.cluster_unknown,
               top, [](const IpAddress& ip) { return to_string(ip); });
  // A private address --vpc-resources names is reviewed already: it is listed with its name below.
  std::map<IpAddress, std::uint64_t> unnamed_private = report.private_external;
  for (const IpAddress& ip : recommendation.named_ips) unnamed_private.erase(ip);
  list_section(out,
               fmt::format("private addresses treated as external (review: a VPC resource, or a missing {}?)",
                           spell(Option::cluster_cidr)),
               unnamed_private, top, [](const IpAddress& ip) { return to_string(ip); });
  list_section(out,
               "Cilium reserved identities (no rule written: health checks, endpoints Cilium had not identified "
               "yet (init), pods Cilium does not manage (unmanaged))",
               report.reserved_identities, top, [](const std::string& s) { return s; });
  list_section(out, "pod addresses no pod held at the time of the traffic (left out of every policy)",
               report.unheld_pod_ips, top, [](const IpAddress& ip) { return to_string(ip); });
  list_section(out, "pod addresses two pods claimed at the time of the traffic (left out of every policy)",
               report.ambiguous_pod_ips, top, [](const IpAddress& ip) { return to_string(ip); });
  out += fmt::format("  {}\n", recommendation.dns_description);
  // Counted in the model, not in documents: each --output-kind writes the default deny its own way.
  out += fmt::format("  policies: {}", counted(recommendation.model.workloads.size(), "workload", "workloads"));
  if (!recommendation.model.default_deny.empty()) {
    out += fmt::format(", default deny in {}",
                       counted(recommendation.model.default_deny.size(), "namespace", "namespaces"));
  }
  // Said, so that a run for one team's namespaces is not read as the cluster's policies.
  if (!namespaces.empty()) out += fmt::format(" (for {} only)", describe(ReportScope{namespaces}));
  out += "\n";
  lines_section(out,
                fmt::format("addresses outside the cluster, named ({}, {})", spell(Option::vpc_resources),
                            spell(Option::aws_ip_ranges)),
                recommendation.named_addresses, top * 4);
  lines_section(out,
                fmt::format("{} widens access: these /32s are allowed as their whole published AWS range",
                            spell(Option::aggregate_aws)),
                recommendation.widened, top * 4);
  lines_section(out,
                fmt::format("egress allowed by the names the workload resolved instead of the address ({})",
                            spell(Option::egress_names)),
                recommendation.named_egress, top * 4);
  lines_section(out,
                "ingress allowed only from the public clients seen in the window (review: every other client of "
                "these workloads will be cut off; allow their whole range, e.g. the load balancer's or 0.0.0.0/0, "
                "if they serve the internet)",
                recommendation.public_clients, top * 4);
  lines_section(out, "notes", recommendation.notes, top * 4);
  lines_section(out, "default-deny will cut off these workloads (no policy allows their traffic)",
                recommendation.unobserved, top * 4);
  lines_section(out,
                "default-deny will cut off this pod egress, seen only as its node's address (the VPC CNI SNATs pod "
                "egress leaving the VPC, so no policy can name the pod; collect Hubble flows, or set "
                "AWS_VPC_K8S_CNI_EXTERNALSNAT=true so the VPC logs carry pod addresses, and run again)",
                recommendation.unattributed_egress, top * 4);
  lines_section(out, "namespaces default-deny leaves open", recommendation.unisolated, top * 4);
  return out;
}

}  // namespace netobs
