// The flows a command reads and how: sources, inventory (or the cluster), collection from agents,
// --prometheus, saved edges and the time window. recommend and graph take them alike.
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
#include <netobs/state.hpp>

#include "options.hpp"

namespace netobs::cli {

// The sources argument and every option of FlowSourceOptions but --quiet.
void add_flow_source_options(CLI::App& cmd, FlowSourceOptions& options);

struct Observation {
  // From --inventory or the cluster; its inventory has the pods watched during --follow.
  ClusterState state;
  Observed observed;
};

// Reads the inventory (or the cluster), with the views of it `views` asks for, and every source. Prints "netobs <command>: <error>" and
// returns the exit code on failure: bad options are usage errors, sources that fail input errors.
Loaded<Observation> observe_sources(const std::string& command, const FlowSourceOptions& options, StateViews views,
                                    std::ostream& err);

// Says how a collection ended, before `written` ("writing the policies for what was collected")
// is done: a bound or a signal (not with --quiet), or a source failure (always: it exits 3).
void print_collection_end(const std::string& command, const IngestSummary& summary, bool quiet,
                          std::string_view written, std::ostream& err);
// The exit code once the output is written: a collection a source failure ended exits 3.
ExitCode collection_exit_code(const IngestSummary& summary, ExitCode written);

}  // namespace netobs::cli
