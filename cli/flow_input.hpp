// The flow-input option group: where flows come from and how they are read (sources,
// --input-format, --edges, --since/--until, agent URLs' HTTP options, --prometheus,
// --include-denied, --strict, --cluster-cidr, --vpc-format). recommend, graph, lint and diff add
// it alike and validate it in one place, so `lint --flows F --edges E --since -1h` reads exactly
// what `recommend F --edges E --since -1h` reads. recommend and graph add collection (--follow,
// --duration, ...) and their inventory on top.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netobs/job.hpp>
#include <netobs/observe.hpp>
#include <netobs/state.hpp>

#include "options.hpp"

namespace netobs::cli {

// How a command names its flow sources: recommend's and graph's positional SOURCES, or lint's and
// diff's --flows (their positionals are manifests).
enum class SourcesArgument { positional, flows_option };

// Adds the flow-input group to `cmd`.
void add_flow_input_options(CLI::App& cmd, FlowInputOptions& options, SourcesArgument sources);

// The group checked once (times, durations, HTTP options, --prometheus) and turned into what
// observe() takes; prints "netobs <command>: <error>" and returns ExitCode::usage when an option
// is wrong, ExitCode::input_error when a file of the HTTP options cannot be opened. `now`
// anchors relative times (-1h).
Loaded<ObserveOptions> flow_observe_options(const std::string& command, const FlowInputOptions& options,
                                            std::int64_t now, std::ostream& err);

// The flow-input group plus collection, --inventory and the cluster options: recommend and graph.
void add_flow_source_options(CLI::App& cmd, FlowSourceOptions& options);

// The flow-input group plus collection, --inventory and the cluster options, checked once and
// turned into what a collecting job reads (the state: every namespace, since flows cross them).
// Prints "netobs <command>: <error>" and returns ExitCode::usage when an option is wrong.
Loaded<FlowCollection> flow_collection(const std::string& command, const FlowSourceOptions& options, std::ostream& err);

// The flow-input group as the evidence lint and diff judge policies by (their --flows group);
// prints a usage error and returns ExitCode::usage when an option is wrong.
Loaded<FlowEvidence> flow_evidence(const std::string& command, const FlowInputOptions& options, std::ostream& err);

// Says how a collection ended, before `written` ("writing the policies for what was collected")
// is done: a bound or a signal (not with --quiet), or a source failure (always: it exits 3); with
// --quiet, which silences the summary, also the input's warnings and how many records were malformed.
void print_collection_end(const std::string& command, const IngestSummary& summary, bool quiet,
                          std::string_view written, std::ostream& err);

}  // namespace netobs::cli
