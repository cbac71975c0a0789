// `graph` as a job: the policies to overlay, the collection, then the view and its rendering.
#include <set>

#include <netobs/jobs.hpp>

namespace netobs {
namespace {

// The policies to overlay, with a default deny in each namespace they apply to (what applying
// them with a default deny would do); nullopt when none is given. Read before the flows, so a
// wrong file fails before a long collection; the pods are added once the inventory is known.
std::optional<std::optional<ManifestSet>> read_overlay(JobResult& result, const GraphJob& job) {
  if (job.policies.empty()) return std::optional<ManifestSet>();
  StateOptions state_options;
  state_options.manifests = job.policies;
  state_options.input_errors = InputErrors::fail;
  auto state = load_job_state(result, state_options);
  if (!state) return std::nullopt;
  ManifestSet& set = state->manifests;
  if (set.policies.empty() && set.tiered.empty() && set.cilium.empty()) {
    // Nothing to overlay, and no namespace to assume a default deny in: surely the wrong files.
    result.fail(Unchecked::no_policies, 0);
    return std::nullopt;
  }
  std::set<std::string> covered;
  for (const auto& policy : set.policies) covered.insert(policy.namespace_name);
  for (const auto& policy : set.cilium) {
    if (!policy.namespace_name.empty()) covered.insert(policy.namespace_name);
  }
  for (const auto& ns : covered) set.policies.push_back(default_deny_policy(ns));
  return std::optional<ManifestSet>(std::move(set));
}

}  // namespace

GraphResult run_graph_job(const GraphJob& job) {
  GraphResult result;
  auto policies = read_overlay(result.job, job);
  if (!policies) return result;
  // Without policies given, the overlay is the policies the cluster enforces as they are.
  const bool cluster_overlay = !*policies && job.flows.state.from_cluster;
  auto collected =
      collect_flows(result.job, job.flows,
                    cluster_overlay ? StateViews::inventory_and_manifests : StateViews::inventory_only, job.front_end);
  if (!collected) return result;
  std::optional<ManifestSet> overlay = std::move(*policies);
  if (overlay) {
    add_inventory(*overlay, collected->state.inventory, "inventory");
  } else if (cluster_overlay) {
    overlay = std::move(collected->state.manifests);
  }
  std::optional<PolicyEngine> engine;
  if (overlay) engine.emplace(*overlay, IpBlockScope::all);
  result.view = make_graph_view(collected->observed.graph, {ReportScope{job.namespaces}, engine ? &*engine : nullptr});
  result.overlaid = engine.has_value();
  for (const auto& edge : result.view.edges) result.blocked += edge.state == EdgeState::blocked ? 1 : 0;
  auto text = render_graph(result.view, job.format);
  const IngestSummary& summary = collected->observed.summary;
  if (summary.records_used == 0) {
    // An empty drawing would look like a cluster without traffic: nothing was drawn from.
    result.job.exit = JobExit::input_error;
    result.failure = no_usable_records(summary, job.flows.observe.sources.size());
  } else if (!text) {
    result.job.exit = job_exit_of(text.error());
    result.failure = describe(text.error());
  } else {
    result.job.output = std::move(*text);
    // A collection a source failure ended is drawn, but exits as the input error it is.
    result.job.exit = summary.failure.empty() ? JobExit::ok : JobExit::input_error;
  }
  result.observed = std::move(collected->observed);
  return result;
}

}  // namespace netobs
