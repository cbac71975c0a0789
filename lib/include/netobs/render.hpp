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

// Multi-document YAML ("---" before each policy), or one JSON `kind: List`. Deterministic:
// the same policies always give the same bytes.
std::string render_policies(const std::vector<NetworkPolicy>& policies, OutputFormat format);

// The recommendation as networking.k8s.io/v1 NetworkPolicies (and a deny-all per namespace).
std::string render_recommendation(const PolicyModel& model, OutputFormat format);

// The human summary of what was read, used, skipped and left out; at most `top` rows per list.
std::string render_summary(const IngestSummary& summary, const Graph& graph,
                           const Recommendation& recommendation, std::size_t top);

}  // namespace netobs
