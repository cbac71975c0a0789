#include <fmt/format.h>

#include <netobs/jobs.hpp>

namespace netobs {

JobResult run_connectivity_job(const ConnectivityJob& job) {
  JobResult result;
  const auto state = load_policy_state(result, job.state, job.namespaces);
  if (!state) return result;
  // Connectivity is between pods: with none (and no nodes) the answer would be an empty list that
  // reads as "nothing is allowed" for an analysis that never ran.
  if (state->manifests.pods.empty() && state->manifests.node_addresses.empty()) {
    result.fail(Unchecked::no_workloads, 0);
    return result;
  }
  if (!check_scope(result, job.namespaces, namespaces_of(state->manifests), "the state read")) return result;
  const PolicyEngine engine(state->manifests, job.ipblock_scope);
  const ConnectivityReport report = compute_connectivity(engine, job.nodes, job.namespaces);
  for (const auto& note : report.notes) result.note(note);
  result.output = render_connectivity(report, job.format);
  return result;
}

}  // namespace netobs
