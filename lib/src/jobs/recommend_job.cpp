// `recommend` as a job: the address names, the collection, then the policies and their summary.
#include <netobs/address_book.hpp>
#include <netobs/jobs.hpp>

namespace netobs {
namespace {

std::vector<RecommendHint> recommend_hints(const Inventory& inventory, const Graph& graph,
                                           const Recommendation& recommendation, const IngestSummary& summary) {
  std::vector<RecommendHint> hints;
  if (inventory.empty() && graph.workloads.empty() && summary.records_used > 0) {
    hints.push_back(RecommendHint::no_attribution);
  }
  // Flow metrics name workloads, not their pods' labels: without them no policy can select a pod.
  if (inventory.empty() && !graph.workloads.empty() && recommendation.model.workloads.empty() &&
      recommendation.model.default_deny.empty()) {
    hints.push_back(RecommendHint::unknown_labels);
  }
  return hints;
}

}  // namespace

RecommendResult run_recommend_job(const RecommendJob& job) {
  RecommendResult result;
  AddressBook addresses;
  for (auto [path, load] : {std::pair{&job.vpc_resources, &AddressBook::load_vpc_resources},
                            std::pair{&job.aws_ip_ranges, &AddressBook::load_aws_ip_ranges}}) {
    if (path->empty()) continue;
    if (auto loaded = (addresses.*load)(*path); !loaded) {
      result.job.fail(loaded.error());
      return result;
    }
  }
  auto collected = collect_flows(result.job, job.flows, StateViews::inventory_only, job.front_end);
  if (!collected) return result;
  const Inventory& inventory = collected->state.inventory;
  const Graph& graph = collected->observed.graph;
  const IngestSummary& summary = collected->observed.summary;
  RecommendOptions options = job.recommend;
  if (!addresses.empty()) options.addresses = &addresses;
  options.window_start = summary.first_seen;
  options.window_end = summary.last_seen;
  result.recommendation = recommend(graph, inventory, options);
  result.summary = render_summary(summary, graph, result.recommendation, job.top, options.namespaces);
  result.unknown_namespaces = unknown_namespaces(options.namespaces, inventory, graph);
  result.unknown_excluded_namespaces = unknown_namespaces(options.exclude_namespaces, inventory, graph);
  // No policy because -n named no namespace the flows hold: the warning about it says why, and
  // the labels are not the reason.
  if (result.unknown_namespaces.empty())
    result.hints = recommend_hints(inventory, graph, result.recommendation, summary);
  if (summary.records_used == 0) {
    result.failure = no_usable_records(summary, job.flows.observe.sources.size()) + "; see the summary above";
  } else if (result.recommendation.error) {
    result.failure = result.recommendation.error->message;
  }
  if (result.failure) {
    result.job.exit = JobExit::input_error;
  } else {
    result.job.output = render_recommendation(result.recommendation.model, job.kind, job.format);
    // A collection a source failure ended is written, but exits as the input error it is.
    result.job.exit = summary.failure.empty() ? JobExit::ok : JobExit::input_error;
  }
  result.observed = std::move(collected->observed);
  return result;
}

}  // namespace netobs
