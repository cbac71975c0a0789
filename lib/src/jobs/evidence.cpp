// Observed flows as evidence against policies: lint's and diff's flows.
#include <algorithm>

#include <fmt/format.h>

#include <netobs/job.hpp>
#include <netobs/observe.hpp>
#include <netobs/plural.hpp>
#include <netobs/state.hpp>

namespace netobs {

std::string no_usable_records(const IngestSummary& summary, std::size_t sources) {
  return fmt::format("no usable flow record in {}: read {}, {} malformed", counted(sources, "source", "sources"),
                     counted(summary.records_read, "record", "records"), summary.malformed_count);
}

std::string malformed_skipped(const IngestSummary& summary) {
  return counted(summary.malformed_count, "malformed flow record", "malformed flow records") + " skipped";
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
    // An empty file is no source the summary lists: name what was given instead.
    std::vector<std::string> given = flows.observe.sources;
    given.insert(given.end(), flows.observe.edge_files.begin(), flows.observe.edge_files.end());
    const std::string sources =
        summary.sources.empty() ? input_names(given) : fmt::format("{}", fmt::join(summary.sources, ", "));
    result.fail(JobExit::input_error, fmt::format("{} ({}): nothing was checked against observed traffic",
                                                  no_usable_records(summary, flows.source_count()), sources));
    return std::nullopt;
  }
  // Records that did not parse are left out of the judgement: say so, naming each, as recommend's
  // summary does.
  if (summary.malformed_count > 0) {
    result.warn(malformed_skipped(summary));
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
               fmt::format("{} from {}", counted(edges.size(), "observed edge", "observed edges"),
                           counted(summary.records_used, "record", "records")));
    return std::move(observed->graph);
  }
  const std::size_t all_edges = edges.size();  // `edges` is moved from below
  Graph scoped = edges_touching(std::move(observed->graph), scope);
  if (scoped.edges.empty()) {
    result.fail(JobExit::input_error, fmt::format("no observed edge has a workload of {} at either end ({} from "
                                                  "{}): nothing was checked against observed traffic",
                                                  describe(scope), counted(all_edges, "edge", "edges"),
                                                  counted(summary.records_used, "record", "records")));
    return std::nullopt;
  }
  result.say(
      MessageKind::progress,
      fmt::format("{} from {}, {} of them with an end in {}", counted(all_edges, "observed edge", "observed edges"),
                  counted(summary.records_used, "record", "records"), scoped.edges.size(), describe(scope)));
  return scoped;
}

}  // namespace netobs
