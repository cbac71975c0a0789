#include <set>

#include <fmt/format.h>

#include <netobs/jobs.hpp>
#include <netobs/plural.hpp>

namespace netobs {
namespace {

// A diff that silently compared less than it was given would call a change "no change", so a
// file that does not parse ends the run (as in `kubectl diff`) once every such file is listed,
// unless the job asks to compare the rest.
bool check_unparsable(JobResult& result, const DiffJob& job, const ManifestSet& proposal, const ManifestSet& live) {
  const std::size_t problems = proposal.problems.size() + live.problems.size();
  if (problems == 0) return true;
  if (!job.skip_unparsable) {
    result.fail(Unchecked::unparsable_files, problems);
    return false;
  }
  result.warn(fmt::format("{} left out, as it did not parse: this diff does not cover it",
                          problems == 1 ? std::string("1 file is") : fmt::format("{} files are", problems)));
  return true;
}

// What a diff with nothing to compare on one side is: an input error, never "no change".
bool check_analysed(JobResult& result, const DiffJob& job, const ManifestSet& proposal, const ManifestSet& live) {
  const std::string proposed_paths = input_names(job.proposal.manifests);
  for (const auto& [what, set] : {std::pair{"the proposal " + proposed_paths, &proposal},
                                  std::pair{"the live state " + input_names(job.live.manifests), &live}}) {
    if (!check_policy_kinds(result, what, *set)) return false;
  }
  // Without pruning an empty proposal replaces nothing; with it, it removes every live policy.
  if (proposal.policies.empty() && proposal.tiered.empty() && proposal.cilium.empty() && proposal.pods.empty() &&
      job.diff.scope != DiffScope::everything) {
    result.fail(JobExit::input_error, fmt::format("nothing to compare: {} holds no {} (and no workloads)",
                                                  proposed_paths, k_analysed_policy_api));
    return false;
  }
  // Policies select pods: with none on either side every connectivity would be empty on both,
  // which would read as "no change" for a comparison that never ran.
  if (live.pods.empty() && proposal.pods.empty()) {
    result.fail(Unchecked::no_workloads, 0);
    return false;
  }
  return true;
}

}  // namespace

JobResult run_diff_job(const DiffJob& job) {
  JobResult result;
  const auto proposed = load_job_state(result, job.proposal, job.namespaces);
  if (!proposed) return result;
  const auto live = load_job_state(result, job.live, job.namespaces);
  if (!live) return result;
  if (!check_unparsable(result, job, proposed->manifests, live->manifests) ||
      !check_analysed(result, job, proposed->manifests, live->manifests)) {
    return result;
  }
  std::set<std::string> known = namespaces_of(live->manifests);
  known.merge(namespaces_of(proposed->manifests));
  if (!check_scope(result, job.namespaces, known, "the live state or the proposal")) return result;
  std::optional<Graph> graph;
  if (job.flows.given()) {
    graph = observe_evidence(result, job.flows, *live, job.namespaces);
    if (!graph) return result;
  }
  DiffOptions options = job.diff;
  options.namespaces = job.namespaces;
  const PolicyDiff diff = diff_policies(live->manifests, proposed->manifests, options, graph ? &*graph : nullptr);
  for (const auto& note : diff.notes) result.note(note);
  if (diff.flows && diff.flows->judged == 0 && graph && !graph->edges.empty()) {
    return result.fail(Unchecked::edges_unjudged, graph->edges.size());
  }
  result.output = render_diff(diff, job.format);
  result.exit = diff.has_differences() ? JobExit::findings : JobExit::ok;
  return result;
}

}  // namespace netobs
