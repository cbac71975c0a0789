// `netobs diff`: what changes when a proposed set of policies replaces the live one. Three parts,
// computed from two manifest sets (live and proposed) and, optionally, observed flows:
// the policy objects (normalised as the API server stores them), the connectivity between
// workloads and external ranges (np-guard's semantic diff), and the observed flows each state
// allows or blocks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <netobs/connection_set.hpp>
#include <netobs/engine.hpp>
#include <netobs/graph.hpp>
#include <netobs/manifest.hpp>
#include <netobs/report_scope.hpp>

namespace netobs {

enum class ChangeType { added, removed, changed };
std::string_view to_string(ChangeType type);

// A policy object of any kind the engine reads, added, removed or changed.
struct ObjectChange {
  ChangeType type = ChangeType::changed;
  std::string namespace_name;  // empty for a cluster-scoped kind
  std::string name;
  std::string unified_diff;  // "--- live/ns/name" ... as `kubectl diff` shows it (all lines for added/removed)
  std::string kind = "NetworkPolicy";
  std::string group;  // the API group of a tier kind (two groups share ClusterNetworkPolicy), else empty

  // "NetworkPolicy shop/web", "ClusterNetworkPolicy deny-all (networking.k8s.aws)".
  std::string title() const {
    return kind + " " + (namespace_name.empty() ? name : namespace_name + "/" + name) +
           (group.empty() ? "" : " (" + group + ")");
  }
};

struct ConnectivityChange {
  ChangeType type = ChangeType::changed;
  std::string source;
  std::string destination;
  ConnectionSet live;         // ref1
  ConnectionSet proposed;     // ref2
  std::string workload_info;  // "workload ns/name[Kind] added|removed", when an end exists in one state only

  bool widens() const;   // the proposal allows something the live state does not
  bool narrows() const;  // the live state allows something the proposal does not
};

struct FlowChange {
  EdgeId edge;
  EdgeStats stats;
  std::string blocked_by;  // for would-break: "egress of X (NetworkPolicy ns/name)" and/or the ingress side
};

struct FlowImpact {
  std::vector<FlowChange> fixed;                   // blocked live, allowed by the proposal
  std::vector<FlowChange> would_break;             // allowed live, blocked by the proposal
  std::vector<ConnectivityChange> unused_removed;  // live permissions no observed flow used, which the proposal removes
  std::size_t evaluated = 0;                       // observed edges both states could judge
  // Observed edges either state could judge: none means the flows name nothing of the cluster, and
  // the flow check ran on nothing.
  std::size_t judged = 0;
};

struct PolicyDiff {
  std::vector<ObjectChange> objects;             // sorted by namespace, name
  std::vector<ConnectivityChange> connectivity;  // changed, added, removed; each sorted by source, destination
  std::optional<FlowImpact> flows;
  std::vector<std::string> notes;

  bool has_differences() const;
};

// Which live policies the proposal replaces.
enum class DiffScope {
  proposal_namespaces,  // those in the namespaces the proposal has policies in (`kubectl apply`)
  everything,           // all of them: the proposal is every policy of the cluster (--prune)
};

struct DiffOptions {
  IpBlockScope ipblock_scope = IpBlockScope::all;
  DiffScope scope = DiffScope::proposal_namespaces;
  // What is reported: policy changes in these namespaces, connectivity changes and observed edges
  // with an end in them. Both states are whole whatever it is.
  ReportScope namespaces;
};

// Diffs `live` against `proposal`; `flows`, when given, are the observed edges to judge (those
// `options.namespaces` touches are reported). The
// proposal's pods stand for the workloads when it declares any (a whole state, as np-guard
// compares), else the live pods do (a file of policies to apply).
PolicyDiff diff_policies(const ManifestSet& live, const ManifestSet& proposal, const DiffOptions& options,
                         const Graph* flows = nullptr);

// A policy as the API server would store and `kubectl get -o yaml` would compare it: defaults
// filled in (policyTypes, protocol TCP), and what the server adds dropped (status, uid,
// resourceVersion, generation, creationTimestamp, managedFields, the last-applied annotation).
NetworkPolicy normalize_policy(const NetworkPolicy& policy);

// A unified diff (3 lines of context) of two texts, with the given header names; empty when equal.
std::string unified_diff(const std::string& before, const std::string& after, const std::string& before_name,
                         const std::string& after_name);

enum class DiffFormat { txt, json, md };
std::string render_diff(const PolicyDiff& diff, DiffFormat format);
// The connectivity part alone in np-guard's txt format: a "Connectivity diff:" line and one line
// per change, or nothing when nothing changed.
std::string render_connectivity_diff_txt(const std::vector<ConnectivityChange>& changes);

}  // namespace netobs
