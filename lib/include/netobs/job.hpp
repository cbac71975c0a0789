// A command as one library call, as bloaty's BloatyMain is: a job struct in (what to read, what
// to compute, how to render it), a JobResult out (the rendered output, what to tell the user on
// stderr, and how the run ends). The CLI maps its options into the job, prints the messages,
// writes the output and exits; the library never prints.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <netobs/collect.hpp>
#include <netobs/error.hpp>
#include <netobs/graph.hpp>
#include <netobs/ingest.hpp>
#include <netobs/manifest.hpp>
#include <netobs/observe.hpp>
#include <netobs/report_scope.hpp>
#include <netobs/state.hpp>

namespace netobs {

// How a run ends, before its output is written (writing may still fail).
enum class JobExit : std::uint8_t {
  ok,
  findings,     // differences, findings at or above the threshold, a denied connection
  usage,        // the job contradicts itself
  input_error,  // unreadable or invalid input, or nothing was checked
};

// The exit class of a library error: usage errors are usage, everything else input errors.
JobExit job_exit_of(const Error& error);

// What loading a state noted, for the user: the Kubernetes Lists read as the inventory, the
// manifest files' notes, the files that did not parse (kept out of the state) and the cluster
// read's notes and warnings.
struct StateReport {
  std::vector<std::string> lists_found;
  std::vector<std::string> notes;
  std::vector<FileProblem> problems;
  std::vector<std::string> cluster_notes;
  std::vector<std::string> cluster_warnings;
};
StateReport report_of(const ClusterState& state);

// What a line for the user is, decided where it is written: -q silences notes and progress, never
// warnings or errors.
enum class MessageKind : std::uint8_t {
  note,      // something worth knowing that changes nothing ("x.md: skipped: not a .yaml file")
  progress,  // what the run got through ("12 observed edges from 340 records")
  warning,   // the result may not be what was asked for
  error,     // something failed: a file left out, or the run itself
};

// Why a run checked nothing, when it did not: an input error the CLI words (with the options that
// would remedy it) after the messages.
enum class Unchecked : std::uint8_t {
  none,
  no_workload_end,   // no observed edge has a workload at either end (addresses nobody named)
  edges_unjudged,    // no observed edge is between workloads the policies' state knows
  unparsable_files,  // files did not parse, and the job compares nothing without them
  no_workloads,      // neither state holds a workload: every connectivity would be empty
  no_policies,       // the policies to check the flows against hold no NetworkPolicy
};

struct JobResult {
  JobExit exit = JobExit::ok;
  std::optional<std::string> output;  // what to write (absent: nothing, e.g. on an error)
  // What each state load noted, in the order the states were loaded; printed first.
  std::vector<StateReport> loads;
  // Lines for stderr, in order, without the command's name.
  struct Message {
    MessageKind kind = MessageKind::note;
    std::string text;  // the line, with its label where it has one: "note: ...", "warning: ..."
  };
  std::vector<Message> messages;
  void say(MessageKind kind, std::string text) { messages.push_back({kind, std::move(text)}); }
  void note(const std::string& text) { say(MessageKind::note, "note: " + text); }
  void warn(const std::string& text) { say(MessageKind::warning, "warning: " + text); }
  // The run checked nothing, and why; `unchecked_count` counts the edges or files concerned.
  Unchecked unchecked = Unchecked::none;
  std::size_t unchecked_count = 0;
  // The kind of the library error that ended the run, when one did (the CLI may add a hint).
  std::optional<ErrorKind> error_kind;

  // Ends the run as unchecked (an input error).
  JobResult& fail(Unchecked why, std::size_t count);

  // Ends the run with `message` as the last line.
  JobResult& fail(JobExit how, std::string message);
  JobResult& fail(const Error& error) {
    error_kind = error.kind;
    return fail(job_exit_of(error), describe(error));
  }
};

// `unanalysed`: policies of kinds the analysis does not evaluate, read from `what` ("policies.yaml")
// beside `analysed` NetworkPolicies. With none beside them the result would describe policies
// nobody wrote: each is an error and the job fails (input_error). Beside NetworkPolicies, each is a
// warning (the result leaves it out). Returns false when the job failed.
bool check_policy_kinds(JobResult& result, const std::string& what, const std::vector<UnanalysedPolicy>& unanalysed,
                        std::size_t analysed);
// The same for a whole set; besides, an invalid Admin, Baseline or cluster network policy fails the
// job (its meaning is undefined, as np-guard also refuses), and each rule the engine cannot decide
// from addresses is a warning.
bool check_policy_kinds(JobResult& result, const std::string& what, const ManifestSet& set);

// Loads a state for a job: its report is added to `result`, or the job fails with its error. A
// job that reports on some namespaces still reads them all: a cluster that forbids reading them
// all fails it with why they are needed.
std::optional<ClusterState> load_job_state(JobResult& result, const StateOptions& options,
                                           const ReportScope& scope = {});
// The same for a job that evaluates the state's policies (connectivity, explain): policies of
// kinds the engine does not evaluate are checked as check_policy_kinds says.
std::optional<ClusterState> load_policy_state(JobResult& result, const StateOptions& options,
                                              const ReportScope& scope = {});

// A scope naming a namespace that `known` (the namespaces of the state read, `what`) lacks fails
// the job (input_error): a report on a namespace that is not there would pass having checked
// nothing. Else notes the scope, unless it is everything. Returns false when the job failed.
bool check_scope(JobResult& result, const ReportScope& scope, const std::set<std::string>& known,
                 const std::string& what);

// Observed flows a job judges policies by (lint's and diff's flows and Prometheus queries).
struct FlowEvidence {
  // Sources, saved edges, Prometheus queries and how to read them: the flow-input group, checked.
  ObserveOptions observe;
  [[nodiscard]] std::size_t source_count() const {
    return observe.sources.size() + observe.edge_files.size() + observe.ingest.prometheus.size();
  }
  [[nodiscard]] bool given() const { return source_count() > 0; }
};

// The graph of `flows`, attributed with the state's inventory (its inventory files are not read
// as flows), with only the edges `scope` touches. Flows that give no usable record, only edges
// with no workload at either end, or none the scope touches (whose result would be an all-clear
// that checked nothing), fail the job.
std::optional<Graph> observe_evidence(JobResult& result, const FlowEvidence& flows, const ClusterState& state,
                                      const ReportScope& scope = {});

// "no usable flow record in 2 sources: read 10 records, 10 malformed", for the jobs that stop there.
std::string no_usable_records(const IngestSummary& summary, std::size_t sources);

// "3 malformed flow records skipped": what every command says of the records it left out.
std::string malformed_skipped(const IngestSummary& summary);

// Flows collected for a job that writes or draws from them (recommend, graph): read until the
// sources end, or, when following them or reading agents, until a bound or a stop request ends
// the collection (what was collected is kept).
struct FlowCollection {
  // The inventory that attributes the flows: inventory files, the Kubernetes Lists among the
  // sources, or the cluster (whose pods are watched while a followed collection runs).
  StateOptions state;
  // The sources and how to read them; `observe.ingest.collect` bounds the collection.
  ObserveOptions observe;
};

// What a collecting job borrows from its front end (the CLI: its terminal and signal handlers).
struct CollectFrontEnd {
  // Called every `progress_every` while a collection waits on its sources (from the reading
  // thread); empty: no progress.
  std::function<void(const CollectProgress&)> progress;
  std::chrono::milliseconds progress_every{1000};
  // Set by the front end to end the collection early (marked running while one runs).
  CollectStop* stop = nullptr;
  // Given the state reports and messages so far when the collection begins (it may run for hours,
  // and they should not wait for its end); they are then no longer in the result. Empty: they
  // stay in the result.
  std::function<void(const std::vector<StateReport>&, const std::vector<JobResult::Message>&)> before_collecting;
};

// The state and the flows a collection read.
struct Collected {
  ClusterState state;  // its inventory has the pods watched during the collection
  Observed observed;
};

// Loads the state (`views` of it), then reads every source with its inventory. Fails the job
// (and returns nullopt) when the state or a source fails, or when a source failure ended the
// collection before it read a usable record.
std::optional<Collected> collect_flows(JobResult& result, const FlowCollection& flows, StateViews views,
                                       const CollectFrontEnd& front_end);

}  // namespace netobs
