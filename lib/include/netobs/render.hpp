// Rendering results for people and tools: policies as Kubernetes YAML or JSON, and the ingest
// summary that goes to stderr. Data goes to stdout; the summary and notes never do.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <netobs/graph.hpp>
#include <netobs/ingest.hpp>
#include <netobs/policy.hpp>
#include <netobs/policy_model.hpp>
#include <netobs/recommend.hpp>

namespace netobs {

enum class OutputFormat { yaml, json };

// The policy kinds a recommendation can be written as (see render/kinds/).
enum class OutputKind {
  networkpolicy,         // networking.k8s.io/v1 NetworkPolicy
  cilium,                // cilium.io/v2 CiliumNetworkPolicy (+ a CiliumClusterwideNetworkPolicy default deny)
  eks,                   // networking/v1, ApplicationNetworkPolicy for domain names, EKS ClusterNetworkPolicy tiers
  clusternetworkpolicy,  // networking/v1 and policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy tiers
};

// Multi-document YAML ("---" before each policy), or one JSON `kind: List`. Deterministic:
// the same policies always give the same bytes.
std::string render_policies(const std::vector<NetworkPolicy>& policies, OutputFormat format);

// The recommendation as documents of `kind`, in `format` (as render_policies writes them).
std::string render_recommendation(const PolicyModel& model, OutputKind kind, OutputFormat format);

// The human summary of what was read, used, skipped and left out; at most `top` rows per list.
// `namespaces`: those the policies were written for (-n), said with the count; empty for all.
// Its lines carry no command prefix: the front end prints it after its own.
std::string render_summary(const IngestSummary& summary, const Graph& graph, const Recommendation& recommendation,
                           std::size_t top, const std::vector<std::string>& namespaces = {});

// The part of that summary on records read but not used: the sources' warnings, the records
// skipped by reason and the malformed ones, each named (recommend's summary, graph's); indented
// lines, empty when every record was used.
std::string render_unused_records(const IngestSummary& summary);

}  // namespace netobs
