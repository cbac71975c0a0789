// The three parts of a policy diff; see diff.hpp.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include <netobs/connectivity.hpp>
#include <netobs/diff.hpp>
#include <netobs/edge_check.hpp>
#include <netobs/option.hpp>
#include <netobs/plural.hpp>
#include <netobs/render.hpp>

#include "render/yaml_writer.hpp"

namespace netobs {
namespace {

// (namespace, name, kind, apiVersion): a policy object as the cluster knows it; the namespace is
// empty for a cluster-scoped kind, the apiVersion only where two API groups share a kind.
using ObjectKey = std::tuple<std::string, std::string, std::string, std::string>;

std::string policy_text(const NetworkPolicy& policy) {
  std::string text = render_policies({normalize_policy(policy)}, OutputFormat::yaml);
  if (text.starts_with("---\n")) text.erase(0, 4);
  return text;
}

// The kinds without a model of their own in netobs's writer are compared as they were written.
std::string written_text(const std::string& as_written) {
  std::string text;
  write_yaml(nlohmann::ordered_json::parse(as_written), text);
  return text;
}

// Every policy object of `set`, of every kind the engine reads, as YAML.
std::map<ObjectKey, std::string> object_texts(const ManifestSet& set) {
  std::map<ObjectKey, std::string> out;
  for (const auto& policy : set.policies) {
    out[{policy.namespace_name, policy.name, policy.kind, ""}] = policy_text(policy);
  }
  for (const auto& policy : set.tiered) {
    // Keyed by group, not version: a new version of the same resource is a change, not a new object.
    out[{"", policy.name, policy.kind, policy.group()}] = written_text(policy.as_written);
  }
  for (const auto& policy : set.cilium) {
    out[{policy.namespace_name, policy.name, policy.kind, ""}] = written_text(policy.as_written);
  }
  return out;
}

// Cluster-scoped objects are compared whatever the namespaces reported: they apply to all.
std::vector<ObjectChange> diff_objects(const ManifestSet& live, const ManifestSet& proposed, const ReportScope& scope) {
  const auto before = object_texts(live);
  const auto after = object_texts(proposed);
  std::set<ObjectKey> keys;
  for (const auto& [key, text] : before) keys.insert(key);
  for (const auto& [key, text] : after) keys.insert(key);
  std::vector<ObjectChange> out;
  for (const auto& key : keys) {
    const auto& [namespace_name, name, kind, group] = key;
    if (!namespace_name.empty() && !scope.includes(namespace_name)) continue;
    auto b = before.find(key);
    auto a = after.find(key);
    const bool in_live = b != before.end(), in_proposal = a != after.end();
    ObjectChange change;
    change.type = !in_live ? ChangeType::added : !in_proposal ? ChangeType::removed : ChangeType::changed;
    change.namespace_name = namespace_name;
    change.name = name;
    change.kind = kind;
    change.group = group;
    // NetworkPolicies keep the paths they always had; other kinds are named by kind (and group) too.
    const std::string path = (kind == "NetworkPolicy" ? "" : kind + (group.empty() ? "" : "." + group) + "/") +
                             (namespace_name.empty() ? name : namespace_name + "/" + name);
    change.unified_diff =
        unified_diff(in_live ? b->second : "", in_proposal ? a->second : "", in_live ? "live/" + path : "/dev/null",
                     in_proposal ? "proposed/" + path : "/dev/null");
    if (change.unified_diff.empty()) continue;
    out.push_back(std::move(change));
  }
  return out;
}

std::set<std::string> workloads_of(const ManifestSet& set) {
  std::set<std::string> out;
  for (const auto& pod : set.pods) out.insert(workload_name(pod.owner));
  return out;
}

// "a.b.c.d-e.f.g.h[External]" as its first and last address.
std::optional<std::pair<std::uint32_t, std::uint32_t>> external_range(const std::string& name) {
  if (!name.ends_with("[External]")) return std::nullopt;
  const auto dash = name.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto first = parse_ip(name.substr(0, dash));
  auto last = parse_ip(name.substr(dash + 1, name.size() - dash - 1 - std::string("[External]").size()));
  if (!first || !last || !first->is_v4() || !last->is_v4()) return std::nullopt;
  return std::make_pair(first->v4(), last->v4());
}

// A workload that exists in one state only is compared with nothing, so the ranges other
// workloads' ipBlocks split the outside into mean nothing for it: neighbouring ranges with the
// same change are one line, as np-guard reports them. `changes` is sorted by (source, destination).
void merge_ranges_of_new_workloads(std::vector<ConnectivityChange>& changes) {
  std::map<std::tuple<bool, std::string, ChangeType, std::string, std::string>, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    if (c.workload_info.empty()) continue;
    const bool from_outside = external_range(c.source).has_value();
    if (!from_outside && !external_range(c.destination)) continue;
    groups[{from_outside, from_outside ? c.destination : c.source, c.type, c.live.to_string(), c.proposed.to_string()}]
        .push_back(i);
  }
  std::vector<bool> drop(changes.size(), false);
  for (auto& [key, members] : groups) {
    const bool from_outside = std::get<0>(key);
    auto range_of = [&](std::size_t i) {
      return *external_range(from_outside ? changes[i].source : changes[i].destination);
    };
    std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) { return range_of(a) < range_of(b); });
    std::size_t head = members.front();
    // Plain variables, not a structured binding: the lambda below captures them (clang 14).
    const auto head_range = range_of(head);
    auto first = head_range.first;
    auto last = head_range.second;
    auto flush = [&] {
      std::string& name = from_outside ? changes[head].source : changes[head].destination;
      name = external_name(IpAddress::from_v4(first), IpAddress::from_v4(last));
    };
    for (std::size_t k = 1; k < members.size(); ++k) {
      const auto [next_first, next_last] = range_of(members[k]);
      if (static_cast<std::uint64_t>(last) + 1 == next_first) {
        last = next_last;
        drop[members[k]] = true;
        continue;
      }
      flush();
      head = members[k];
      first = next_first;
      last = next_last;
    }
    flush();
  }
  std::vector<ConnectivityChange> kept;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (!drop[i]) kept.push_back(std::move(changes[i]));
  }
  changes = std::move(kept);
}

std::vector<ConnectivityChange> diff_connectivity(const PolicyEngine& live, const PolicyEngine& proposed,
                                                  const ReportScope& scope) {
  const ExternalAtoms atoms = external_atoms({&live.manifests(), &proposed.manifests()});
  std::map<std::pair<std::string, std::string>, std::pair<ConnectionSet, ConnectionSet>> pairs;
  for (const auto& entry : compute_connectivity(live, atoms, NodeRows::no, scope).entries) {
    pairs[{entry.source, entry.destination}].first = entry.connections;
  }
  for (const auto& entry : compute_connectivity(proposed, atoms, NodeRows::no, scope).entries) {
    pairs[{entry.source, entry.destination}].second = entry.connections;
  }
  const auto live_workloads = workloads_of(live.manifests());
  const auto proposed_workloads = workloads_of(proposed.manifests());
  // np-guard's words: each end that exists in one state only, then the change of the pair (a
  // workload in one state only has connections in that state only: added or removed).
  auto workload_info = [&](const ConnectivityChange& change) -> std::string {
    std::vector<std::string> one_side;
    for (const std::string* name : {&change.source, &change.destination}) {
      if (live_workloads.contains(*name) != proposed_workloads.contains(*name)) one_side.push_back(*name);
    }
    if (one_side.empty()) return {};
    return fmt::format("workload {} {}", fmt::join(one_side, " and "), to_string(change.type));
  };
  std::vector<ConnectivityChange> changes;
  for (const auto& [key, sets] : pairs) {
    const auto& [before, after] = sets;
    if (before == after) continue;
    ConnectivityChange change;
    change.type = before.empty() ? ChangeType::added : after.empty() ? ChangeType::removed : ChangeType::changed;
    change.source = key.first;
    change.destination = key.second;
    change.live = before;
    change.proposed = after;
    change.workload_info = workload_info(change);
    changes.push_back(std::move(change));
  }
  merge_ranges_of_new_workloads(changes);
  // np-guard's order: changed, then added, then removed; by source and destination within each.
  auto rank = [](ChangeType type) { return type == ChangeType::changed ? 0 : type == ChangeType::added ? 1 : 2; };
  std::stable_sort(changes.begin(), changes.end(), [&](const auto& a, const auto& b) {
    return std::make_tuple(rank(a.type), std::cref(a.source), std::cref(a.destination)) <
           std::make_tuple(rank(b.type), std::cref(b.source), std::cref(b.destination));
  });
  return changes;
}

std::string blocked_by(const EdgeId& edge, const EdgeVerdict& verdict) {
  std::vector<std::string> sides;
  if (!verdict.egress) sides.push_back(describe_blocked_side(PolicyType::egress, edge.client, verdict.egress_blocker));
  if (!verdict.ingress)
    sides.push_back(describe_blocked_side(PolicyType::ingress, edge.server, verdict.ingress_blocker));
  return fmt::format("{}", fmt::join(sides, " and "));
}

FlowImpact diff_flows(const PolicyEngine& live, const PolicyEngine& proposed, const Graph& flows,
                      const std::vector<ConnectivityChange>& connectivity, const ReportScope& scope) {
  FlowImpact impact;
  std::set<std::pair<std::string, std::string>> used;  // (client, server) names that carried a flow
  for (const auto& [edge, stats] : flows.edges) {
    // A change in scope has an end in it, and so does every flow that used it.
    if (!scope.touches(edge)) continue;
    const EdgeVerdict before = check_edge(live, edge, &flows);
    const EdgeVerdict after = check_edge(proposed, edge, &flows);
    // A live permission an observed flow took is used, whether or not the proposal knows its ends.
    if (before.evaluated) used.insert({to_string(edge.client), to_string(edge.server)});
    if (before.evaluated || after.evaluated) ++impact.judged;
    if (!before.evaluated || !after.evaluated) continue;
    ++impact.evaluated;
    if (before.allowed() && !after.allowed()) impact.would_break.push_back({edge, stats, blocked_by(edge, after)});
    if (!before.allowed() && after.allowed()) impact.fixed.push_back({edge, stats, blocked_by(edge, before)});
  }
  for (const auto& change : connectivity) {
    if (!change.narrows()) continue;
    // External ends are ranges; an observed address inside one counts as using it.
    const bool workloads = change.source.find("[External]") == std::string::npos &&
                           change.destination.find("[External]") == std::string::npos;
    if (workloads && !used.contains({change.source, change.destination})) impact.unused_removed.push_back(change);
  }
  return impact;
}

// The proposed state: the proposal's policies (plus, unless pruning, the live policies of the
// namespaces it has no policy in), and its pods, or the live pods when it declares none.
ManifestSet proposed_state(const ManifestSet& live, const ManifestSet& proposal, DiffScope scope,
                           std::vector<std::string>& notes) {
  ManifestSet state = proposal;
  if (state.pods.empty()) {
    state.pods = live.pods;
    // The proposal's policies name namespaces without their labels: the live ones are the labels.
    for (const auto& [name, labels] : live.namespaces) {
      auto& mine = state.namespaces[name];
      if (mine.empty()) mine = labels;
    }
    state.node_addresses = live.node_addresses;
    state.node_labels = live.node_labels;
  }
  if (scope == DiffScope::proposal_namespaces) {
    // Says how many live policies of `what` stay in the proposed state, and why.
    auto note_kept = [&](std::size_t kept, const char* one, const char* many, const char* what) {
      if (kept == 0) return;
      notes.push_back(fmt::format("{} {} {} kept as {} ({} treats the proposal as every policy of the cluster)",
                                  counted(kept, one, many), what, kept == 1 ? "is" : "are",
                                  kept == 1 ? "it is" : "they are", spell(Option::prune)));
    };
    std::set<std::string> covered;
    for (const auto& policy : proposal.policies) covered.insert(policy.namespace_name);
    for (const auto& policy : proposal.cilium) {
      if (!policy.namespace_name.empty()) covered.insert(policy.namespace_name);
    }
    std::size_t kept = 0;
    for (const auto& policy : live.policies) {
      if (covered.contains(policy.namespace_name)) continue;
      state.policies.push_back(policy);
      ++kept;
    }
    for (const auto& policy : live.cilium) {
      if (policy.namespace_name.empty() || covered.contains(policy.namespace_name)) continue;
      state.cilium.push_back(policy);
      ++kept;
    }
    note_kept(kept, "live policy", "live policies", "in namespaces the proposal has no policy in");
    // Cluster-scoped policies belong to no namespace: those the proposal does not define (kind and
    // name) stay as they are live.
    std::set<std::pair<std::string, std::string>> defined;
    for (const auto& policy : proposal.tiered) defined.emplace(policy.resource(), policy.name);
    kept = 0;
    for (const auto& policy : live.tiered) {
      if (defined.contains({policy.resource(), policy.name})) continue;
      state.tiered.push_back(policy);
      ++kept;
    }
    for (const auto& policy : proposal.cilium) {
      if (policy.namespace_name.empty()) defined.emplace(policy.kind, policy.name);
    }
    for (const auto& policy : live.cilium) {
      if (!policy.namespace_name.empty() || defined.contains({policy.kind, policy.name})) continue;
      state.cilium.push_back(policy);
      ++kept;
    }
    note_kept(kept, "live cluster-scoped policy", "live cluster-scoped policies", "the proposal does not define");
  }
  return state;
}

}  // namespace

std::string_view to_string(ChangeType type) {
  switch (type) {
    case ChangeType::added:
      return "added";
    case ChangeType::removed:
      return "removed";
    case ChangeType::changed:
      return "changed";
  }
  return "changed";
}

bool ConnectivityChange::widens() const {
  ConnectionSet common = proposed;
  common.intersect(live);
  return !(common == proposed);
}

bool ConnectivityChange::narrows() const {
  ConnectionSet common = live;
  common.intersect(proposed);
  return !(common == live);
}

bool PolicyDiff::has_differences() const {
  return !objects.empty() || !connectivity.empty() || (flows && (!flows->would_break.empty() || !flows->fixed.empty()));
}

NetworkPolicy normalize_policy(const NetworkPolicy& policy) {
  NetworkPolicy out = policy;
  out.location = {};
  out.annotations.erase("kubectl.kubernetes.io/last-applied-configuration");
  if (out.policy_types.empty()) {
    out.policy_types.push_back(PolicyType::ingress);
    if (!out.egress.empty()) out.policy_types.push_back(PolicyType::egress);
  }
  for (auto* rules : {&out.ingress, &out.egress}) {
    for (auto& rule : *rules) {
      for (auto& port : rule.ports) {
        if (!port.protocol) port.protocol = Protocol::tcp;
      }
    }
  }
  return out;
}

PolicyDiff diff_policies(const ManifestSet& live, const ManifestSet& proposal, const DiffOptions& options,
                         const Graph* flows) {
  PolicyDiff diff;
  const ManifestSet proposed = proposed_state(live, proposal, options.scope, diff.notes);
  diff.objects = diff_objects(live, proposed, options.namespaces);
  const PolicyEngine live_engine(live, options.ipblock_scope);
  const PolicyEngine proposed_engine(proposed, options.ipblock_scope);
  diff.connectivity = diff_connectivity(live_engine, proposed_engine, options.namespaces);
  if (flows) {
    diff.flows = diff_flows(live_engine, proposed_engine, *flows, diff.connectivity, options.namespaces);
  }
  return diff;
}

}  // namespace netobs
