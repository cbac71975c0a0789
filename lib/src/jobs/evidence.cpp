// Observed flows as evidence against policies: lint's and diff's flows.
#include <algorithm>

#include <fmt/format.h>

#include <netobs/job.hpp>
#include <netobs/observe.hpp>

namespace netobs {

std::string no_usable_records(const IngestSummary& summary, std::size_t sources) {
  return fmt::format("no usable flow record in {} source(s): read {} records, {} malformed", sources,
                     summary.records_read, summary.malformed_count);
}

std::optional<Graph> observe_evidence(JobResult& result, const FlowEvidence& flows, const ClusterState& state,
                                      const ReportScope& scope) {
  ObserveOptions options = flows.observe;
  for (const auto& path : state.inventory_files) options.ingest.exclude.emplace_back(path);
  auto observed = observe(options, state.inventory);
  if (!observed) {
    result.fail(observed.error());
    return std::nullopt;
  }
  const IngestSummary& summary = observed->summary;
  for (const auto& note : summary.notes) result.note(note);
  if (summary.records_used == 0) {
    // Judged by no traffic, every policy would pass and every live permission look unused.
    // Why nothing was usable: lines of the error that ends the run.
    for (const auto& record : summary.malformed) result.say(MessageKind::error, "malformed: " + describe(record));
    for (const auto& [reason, count] : describe_skips(summary.skipped)) {
      result.say(MessageKind::error, fmt::format("skipped {}: {}", count, reason));
    }
    result.fail(JobExit::input_error,
                fmt::format("{} ({}): nothing was checked against observed traffic",
                            no_usable_records(summary, flows.source_count()), fmt::join(summary.sources, ", ")));
    return std::nullopt;
  }
  // Records that did not parse are left out of the judgement: say so, naming each, as recommend's
  // summary does.
  if (summary.malformed_count > 0) {
    result.warn(fmt::format("{} malformed flow records skipped", summary.malformed_count));
    for (const auto& record : summary.malformed) result.say(MessageKind::warning, "malformed: " + describe(record));
  }
  // Policies select pods: edges with no workload at either end (addresses no inventory explained)
  // test none of them.
  const auto& edges = observed->graph.edges;
  if (std::none_of(edges.begin(), edges.end(), [](const auto& entry) {
        return entry.first.client.kind == PeerKind::workload || entry.first.server.kind == PeerKind::workload;
      })) {
    result.fail(Unchecked::no_workload_end, edges.size());
    return std::nullopt;
  }
  if (scope.everything()) {
    // Progress, as recommend's summary is: --quiet silences it.
    result.say(MessageKind::progress,
               fmt::format("{} observed edges from {} records", edges.size(), summary.records_used));
    return std::move(observed->graph);
  }
  const std::size_t all_edges = edges.size();  // `edges` is moved from below
  Graph scoped = edges_touching(std::move(observed->graph), scope);
  if (scoped.edges.empty()) {
    result.fail(JobExit::input_error, fmt::format("no observed edge has a workload of {} at either end ({} edges from "
                                                  "{} records): nothing was checked against observed traffic",
                                                  describe(scope), all_edges, summary.records_used));
    return std::nullopt;
  }
  result.say(MessageKind::progress, fmt::format("{} observed edges from {} records, {} of them with an end in {}",
                                                all_edges, summary.records_used, scoped.edges.size(), describe(scope)));
  return scoped;
}

}  // namespace netobs
