#include <fmt/format.h>

#include <netobs/jobs.hpp>

namespace netobs {

JobResult run_lint_job(const LintJob& job) {
  JobResult result;
  const auto state = load_job_state(result, job.state, job.namespaces);
  if (!state) return result;
  lint::LintInput input;
  input.scope = job.namespaces;
  input.paths = job.state.manifests;
  input.input_errors = job.state.input_errors;
  if (!state->inventory_files.empty()) {
    input.inventory = &state->inventory;
    input.inventory_origin = state->inventory_files.front();
  }
  if (state->cluster) {
    input.inventory = &state->inventory;
    if (input.inventory_origin.empty()) input.inventory_origin = state->cluster->origin;
    // The cluster's policies are checked with the files' (a file's copy of a policy wins); its
    // pods come in through the inventory.
    input.texts.emplace_back(state->cluster->origin, state->cluster->policies);
  }
  std::optional<Graph> graph;
  if (job.flows.given()) {
    graph = observe_evidence(result, job.flows, *state, job.namespaces);
    if (!graph) return result;
    input.flows = &*graph;
  }
  auto report = lint::run_lint(input);
  if (!report) return result.fail(JobExit::input_error, describe(report.error()));
  for (const auto& note : report->notes) result.note(note);
  const std::string checked =
      job.state.manifests.empty() ? std::string("the cluster") : input_names(job.state.manifests);
  if (!check_scope(result, job.namespaces, report->namespaces, "the state read")) return result;
  if (!check_policy_kinds(result, checked, report->unanalysed, report->policies_read)) return result;
  // No rule checked a policy: a clean report would pass a CI step that checked nothing. Files that
  // did not parse are findings of their own. With -n, every namespace's policies are still
  // checked (another namespace's may block the scope's flows, or name its pods): only a state
  // with no policy at all has nothing to check.
  if (report->policies_read == 0 && report->unparsable == 0) {
    return result.fail(JobExit::input_error,
                       fmt::format("nothing to check in {}: no {}", checked, k_analysed_policy_api));
  }
  if (report->policies == 0 && !job.namespaces.everything()) {
    result.note(fmt::format(
        "no policy in {} (nor a cluster-scoped one): reported are the findings of the other namespaces' policies "
        "that involve {}{}",
        describe(job.namespaces), job.namespaces.namespaces.size() == 1 ? "it" : "them",
        graph ? ", and the observed flows there they block" : ""));
  }
  if (graph && report->flow_edges_evaluated == std::size_t{0} && !graph->edges.empty()) {
    return result.fail(Unchecked::edges_unjudged, graph->edges.size());
  }
  result.output = lint::render(*report, job.format);
  std::size_t failing = 0;
  for (const auto severity : {lint::Severity::error, lint::Severity::warning}) {
    if (severity >= job.fail_on) failing += report->count(severity);
  }
  result.exit = failing > 0 ? JobExit::findings : JobExit::ok;
  return result;
}

}  // namespace netobs
