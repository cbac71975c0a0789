// The flow-input option group: where flows come from and how they are read (sources,
// --input-format, --edges, --since/--until, agent URLs' HTTP options, --prometheus,
// --include-denied, --strict, --cluster-cidr, --vpc-format). recommend, graph, lint and diff add
// it alike and validate it in one place, so `lint --flows F --edges E --since -1h` reads exactly
// what `recommend F --edges E --since -1h` reads. recommend and graph add collection (--follow,
// --duration, ...) and their inventory on top.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netobs/inventory.hpp>
#include <netobs/kube.hpp>
#include <netobs/observe.hpp>

#include "common.hpp"

namespace netobs::cli {

// How a command names its flow sources: recommend's and graph's positional SOURCES, or lint's and
// diff's --flows (their positionals are manifests).
enum class SourcesArgument { positional, flows_option };

// Adds the flow-input group to `cmd`.
void add_flow_input_options(CLI::App& cmd, FlowInputOptions& options, SourcesArgument sources);

// The group checked once (times, durations, HTTP options, --prometheus) and turned into what
// observe() takes; prints "netobs <command>: <error>" and returns ExitCode::usage when an option
// is wrong. `now` anchors relative times (-1h).
Loaded<ObserveOptions> flow_observe_options(const std::string& command, const FlowInputOptions& options,
                                            std::int64_t now, std::ostream& err);

// The flow-input group plus collection, --inventory and the cluster options: recommend and graph.
void add_flow_source_options(CLI::App& cmd, FlowSourceOptions& options);

struct Observation {
  Inventory inventory;  // from --inventory or the cluster, with the pods watched during --follow
  Observed observed;
  std::optional<ClusterSnapshot> cluster;  // with --from-cluster: what was read
};

// Reads the inventory (or the cluster) and every source. Prints "netobs <command>: <error>" and
// returns the exit code on failure: bad options are usage errors, sources that fail input errors.
Loaded<Observation> observe_sources(const std::string& command, const FlowSourceOptions& options, std::ostream& err);

// `inventories`, or when none is given and the cluster is not read, the Kubernetes Lists among
// the flow sources (`kubectl get -o json > flows/cluster.json`), each with a note: the inventory
// as every command that reads flows takes it.
Loaded<std::vector<std::string>> inventories_or_lists_among(const std::string& command,
                                                            const std::vector<std::string>& inventories,
                                                            const FlowInputOptions& flows, bool from_cluster,
                                                            std::ostream& err);

// The graph of the flows lint and diff judge policies by (their --flows group), attributed with
// `inventory`; files named in `inventories` are not read as flows. Sources that give no usable
// record, or edges with no workload at either end, are an input error: a clean result would be an
// all-clear that checked nothing. The count of edges and records is printed unless `quiet`.
Loaded<Graph> observe_flows(const std::string& command, const FlowInputOptions& options,
                            const std::vector<std::string>& inventories, const Inventory& inventory, bool quiet,
                            std::ostream& err);

// Says how a collection ended, before `written` ("writing the policies for what was collected")
// is done: a bound or a signal (not with --quiet), or a source failure (always: it exits 3).
void print_collection_end(const std::string& command, const IngestSummary& summary, bool quiet,
                          std::string_view written, std::ostream& err);
// The exit code once the output is written: a collection a source failure ended exits 3.
ExitCode collection_exit_code(const IngestSummary& summary, ExitCode written);

}  // namespace netobs::cli
