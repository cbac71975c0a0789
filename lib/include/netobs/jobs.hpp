// The analysis commands as library jobs (job.hpp): each takes its job struct and returns a
// JobResult. A new command adds its job here and its run function in lib/src/jobs/.
#pragma once

#include <string>
#include <vector>

#include <netobs/connectivity.hpp>
#include <netobs/diff.hpp>
#include <netobs/engine.hpp>
#include <netobs/graph_view.hpp>
#include <netobs/job.hpp>
#include <netobs/lint.hpp>
#include <netobs/recommend.hpp>
#include <netobs/render.hpp>
#include <netobs/state.hpp>

namespace netobs {

// Every connection the policies of a state allow (those with an end in `namespaces`).
struct ConnectivityJob {
  StateOptions state;
  ReportScope namespaces;  // what is reported; the whole state is read whatever it is
  IpBlockScope ipblock_scope = IpBlockScope::all;
  NodeRows nodes = NodeRows::no;
  ConnectivityFormat format = ConnectivityFormat::txt;
};
JobResult run_connectivity_job(const ConnectivityJob& job);

// Whether one connection is allowed (exit ok) or denied (findings), and which rule decides it.
// With one namespace in `namespaces`, a bare workload or pod name is one of it (as kubectl -n
// reads it); a connection with no end in `namespaces` is a usage error.
enum class ExplanationFormat { text, json };
struct ExplainJob {
  StateOptions state;
  ReportScope namespaces;
  std::string from;  // ns/workload, ns/pod, an address, or a bare name with one namespace in scope
  std::string to;
  int port = 0;
  Protocol protocol = Protocol::tcp;
  IpBlockScope ipblock_scope = IpBlockScope::all;
  ExplanationFormat format = ExplanationFormat::text;
};
JobResult run_explain_job(const ExplainJob& job);

// The lint rules over the manifest files of `state.manifests` (lint reads them itself, keeping
// each object's position) and the cluster's policies, with the state's inventory and, when given,
// observed flows. Findings at or above `fail_on` end it with findings. Only findings on objects
// of `namespaces`, on observed edges with an end in them, and on files that did not parse are
// reported.
struct LintJob {
  StateOptions state;  // its views: the inventory only
  ReportScope namespaces;
  FlowEvidence flows;
  lint::Format format = lint::Format::text;
  lint::Severity fail_on = lint::Severity::error;
};
JobResult run_lint_job(const LintJob& job);

// What applying the proposal changes against the live state: objects, connectivity and, with
// flows, the observed edges that would break. Differences end it with findings. Only policy
// changes in `namespaces`, connectivity changes and observed edges with an end in them are
// reported (diff.namespaces is set from it).
struct DiffJob {
  StateOptions proposal;  // manifests only
  StateOptions live;      // manifests, inventories (or Lists among the flows) or the cluster
  ReportScope namespaces;
  FlowEvidence flows;
  DiffOptions diff;
  DiffFormat format = DiffFormat::txt;
  bool skip_unparsable = false;  // compare the rest when a file does not parse (else stop)
};
// Files that did not parse end it as Unchecked::unparsable_files unless skip_unparsable.
JobResult run_diff_job(const DiffJob& job);

// Least-privilege policies for the flows a collection read.
struct RecommendJob {
  FlowCollection flows;  // the state's views: the inventory only
  // What to write; its `addresses` and observation window are the job's to fill.
  RecommendOptions recommend;
  // Names for outside addresses (AddressBook): read before the flows, so a wrong file fails
  // before a long collection.
  std::string vpc_resources;
  std::string aws_ip_ranges;
  OutputKind kind = OutputKind::networkpolicy;
  OutputFormat format = OutputFormat::yaml;
  std::size_t top = 10;  // rows per list in the summary
  CollectFrontEnd front_end;
};

// What the user should be told to give, when the flows could not say enough.
enum class RecommendHint : std::uint8_t {
  no_attribution,  // no address was attributed to a workload (VPC flow logs need an inventory)
  unknown_labels,  // workloads are named but their pods' labels are unknown: nothing selects them
};

// What the front end shows, in this order after the job's loads and messages: how the collection
// ended, the summary, the unknown namespaces, the recommendation's warnings, the hints, then the
// failure (or the output is written).
struct RecommendResult {
  // The exit, the policies to write, and what reading the state and the flows said.
  JobResult job;
  std::optional<Observed> observed;  // the flows collected, when they were
  Recommendation recommendation;
  std::string summary;  // what was read, the graph and the policies (render_summary)
  // Namespaces the job was limited to (`recommend.namespaces`) or told to leave out
  // (`exclude_namespaces`) that neither the inventory nor the flows hold: most likely typos.
  std::vector<std::string> unknown_namespaces;
  std::vector<std::string> unknown_excluded_namespaces;
  std::vector<RecommendHint> hints;
  // Why nothing is written, once the summary it refers to is shown (exit input_error).
  std::optional<std::string> failure;
};
RecommendResult run_recommend_job(const RecommendJob& job);

// The observed service-dependency graph, with what given policies (or the cluster's) do to each
// edge.
struct GraphJob {
  FlowCollection flows;
  std::vector<std::string> namespaces;  // focus: edges with a workload of these at one end
  // Policies to overlay, with a default deny in each namespace they cover; none: with the
  // cluster read (flows.state.from_cluster), the cluster's as they are, else no overlay.
  std::vector<std::string> policies;
  GraphFormat format = GraphFormat::dot;
  CollectFrontEnd front_end;
};

// What the front end shows, in this order after the job's loads and messages: how the collection
// ended, the view's notes, the counts, then the failure (or the output is written).
struct GraphResult {
  JobResult job;                     // the exit, the rendered graph, what reading the policies, state and flows said
  std::optional<Observed> observed;  // the flows collected, when they were
  GraphView view;
  bool overlaid = false;               // policies were overlaid
  std::size_t blocked = 0;             // edges the overlaid policies block
  std::optional<std::string> failure;  // why the graph could not be rendered
};
// Policies that hold no NetworkPolicy end it as Unchecked::no_policies.
GraphResult run_graph_job(const GraphJob& job);

}  // namespace netobs
