// The netobs subcommands: an options struct, a run function that takes the output streams and
// returns an exit code (so tests can call it in-process), and a setup function for CLI11.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <netobs/collect.hpp>
#include <netobs/connectivity.hpp>
#include <netobs/diff.hpp>
#include <netobs/engine.hpp>
#include <netobs/graph_view.hpp>
#include <netobs/lint.hpp>
#include <netobs/recommend.hpp>
#include <netobs/render.hpp>
#include <netobs/sql.hpp>

namespace netobs::cli {

// The documented exit codes of every subcommand.
enum class ExitCode : int {
  ok = 0,
  findings = 1,     // differences or lint findings at or above the threshold
  usage = 2,        // bad flags or arguments
  input_error = 3,  // unreadable or invalid input, or a failure while running
};

// Output formats only the CLI knows: explain's, and lint's (markdown lists the rules).
enum class ExplainFormat { text, json };
enum class LintOutput { text, json, sarif, github, markdown };
enum class FailOn { error, warning };  // lint's lowest failing severity

// --prometheus and how its queries reach the server; recommend, lint and diff read it alike.
struct PrometheusCliOptions {
  std::vector<std::string> urls;
  std::string window = "7d";
  AgentOptions http;
};

// Where the cluster is, for --from-cluster and for diff without --live.
struct ClusterOptions {
  bool from_cluster = false;
  std::string kubeconfig;       // empty: $KUBECONFIG, else ~/.kube/config, else in-cluster
  std::string context;          // empty: current-context
  double request_timeout = 30;  // seconds per request
};

// The flow-input option group (flow_input.hpp), the same on every command that reads flows
// (recommend, graph, lint, diff): the sources (positional, or lint's and diff's --flows), how
// they are read, saved edges, the time window, agent URLs' HTTP options and --prometheus.
struct FlowInputOptions {
  std::vector<std::string> sources;
  std::string input_format = "auto";
  std::string vpc_format;
  bool include_denied = false;
  bool strict = false;  // stop at the first malformed flow record
  std::vector<std::string> cluster_cidrs;
  std::vector<std::string> edge_files;
  std::string since;
  std::string until;
  AgentOptions agent;
  std::string agent_retry_for = "5m";
  PrometheusCliOptions prometheus;

  // Whether any flows were asked for: sources, --edges or --prometheus.
  [[nodiscard]] bool given() const { return !sources.empty() || !edge_files.empty() || !prometheus.urls.empty(); }
};

// How long recommend and graph keep collecting from agents and pipes (--follow, --duration, ...).
struct CollectionCliOptions {
  bool follow = false;
  std::string duration;
  std::uint64_t max_flows = 0;
  std::string checkpoint;
  std::string checkpoint_every = "5m";
  std::string scrape_interval;  // empty: CollectOptions's 30s; given, it needs --follow
};

// What recommend and graph read: the flow input, collection, and the inventory (or the cluster)
// that attributes the flows.
struct FlowSourceOptions {
  FlowInputOptions input;
  CollectionCliOptions collection;
  std::vector<std::string> inventories;
  ClusterOptions cluster;  // --from-cluster replaces --inventory
  bool quiet = false;      // no progress line
};

struct RecommendOptions {
  FlowSourceOptions flows;
  DnsMode dns = DnsMode::allow;
  std::string dns_selector;
  std::vector<std::string> dns_ips;
  std::vector<std::string> namespaces;
  bool all_namespaces = false;
  std::vector<std::string> exclude_namespaces;
  std::vector<std::string> dns_upstreams;
  std::vector<std::string> vpc_cidrs;
  std::vector<std::string> apiserver_cidrs;
  bool default_deny = false;
  OutputKind kind = OutputKind::networkpolicy;
  std::string vpc_resources;
  std::string aws_ip_ranges;
  bool aggregate_aws = false;
  bool egress_names = false;
  OutputFormat format = OutputFormat::yaml;
  std::string output;
  std::size_t top = 10;
};

ExitCode run_recommend(const RecommendOptions& options, std::ostream& out, std::ostream& err);
void add_recommend_command(CLI::App& app, ExitCode& exit_code);

struct ConnectivityOptions {
  std::vector<std::string> paths;
  bool strict_input = false;
  bool nodes = false;
  std::vector<std::string> inventories;
  ConnectivityFormat format = ConnectivityFormat::txt;
  IpBlockScope ipblock_scope = IpBlockScope::all;
  std::string output;
  ClusterOptions cluster;
  std::vector<std::string> namespaces;  // read only these from the cluster
  bool quiet = false;                   // -q: no notes on stderr
};

ExitCode run_connectivity(const ConnectivityOptions& options, std::ostream& out, std::ostream& err);
void add_connectivity_command(CLI::App& app, ExitCode& exit_code);

struct ExplainOptions {
  std::vector<std::string> paths;
  bool strict_input = false;
  std::vector<std::string> inventories;
  std::string from;
  std::string to;
  std::string port;
  ExplainFormat format = ExplainFormat::text;
  IpBlockScope ipblock_scope = IpBlockScope::all;
  ClusterOptions cluster;
  std::vector<std::string> namespaces;
  std::string output;
  bool quiet = false;  // -q: no notes on stderr
};

// Exit 0 when the connection is allowed, 1 when it is denied.
ExitCode run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& err);
void add_explain_command(CLI::App& app, ExitCode& exit_code);

struct LintOptions {
  std::vector<std::string> paths;
  bool strict_input = false;
  std::vector<std::string> inventories;
  FlowInputOptions flows;  // --flows and the rest of the flow-input group
  LintOutput format = LintOutput::text;
  FailOn fail_on = FailOn::error;
  bool list_rules = false;
  std::string output;
  ClusterOptions cluster;
  std::vector<std::string> namespaces;
  bool quiet = false;  // -q: no notes on stderr
};

// Exit 0 clean, 1 with findings at or above --fail-on.
ExitCode run_lint(const LintOptions& options, std::ostream& out, std::ostream& err);
void add_lint_command(CLI::App& app, ExitCode& exit_code);

struct DiffOptions {
  std::vector<std::string> proposed;
  bool strict_input = false;
  bool skip_unparsable = false;   // compare the rest when a file does not parse (else exit 3)
  std::vector<std::string> live;  // empty: the cluster
  std::vector<std::string> inventories;
  FlowInputOptions flows;  // --flows and the rest of the flow-input group
  std::vector<std::string> namespaces;
  DiffFormat format = DiffFormat::txt;
  IpBlockScope ipblock_scope = IpBlockScope::all;
  bool prune = false;
  std::string output;
  ClusterOptions cluster;
  bool quiet = false;  // -q: no notes on stderr
};

// Exit 0 when nothing differs, 1 when something does (as `kubectl diff`).
ExitCode run_diff(const DiffOptions& options, std::ostream& out, std::ostream& err);
void add_diff_command(CLI::App& app, ExitCode& exit_code);

struct GraphOptions {
  FlowSourceOptions flows;
  std::vector<std::string> namespaces;  // focus
  std::vector<std::string> policies;    // overlay, with a default deny where they apply
  GraphFormat format = GraphFormat::dot;
  std::string output;
};

ExitCode run_graph(const GraphOptions& options, std::ostream& out, std::ostream& err);
void add_graph_command(CLI::App& app, ExitCode& exit_code);

enum class Shell { bash, zsh, fish };

struct SqlCommandOptions {
  SqlEngine engine = SqlEngine::athena;
  std::string table;
  std::string log_format;
  std::string since;
  std::string until;
  bool partitioned = false;
  std::vector<std::string> cluster_cidrs;
  std::string output;
  bool quiet = false;  // -q: no notes on stderr
};

ExitCode run_sql(const SqlCommandOptions& options, std::ostream& out, std::ostream& err);
void add_sql_command(CLI::App& app, ExitCode& exit_code);

struct CompletionOptions {
  Shell shell = Shell::bash;
  std::string output;
  bool quiet = false;  // -q: no notes on stderr
};

// Prints the completion script of `root`, the netobs app.
ExitCode run_completion(const CLI::App& root, const CompletionOptions& options, std::ostream& out, std::ostream& err);
void add_completion_command(CLI::App& app, ExitCode& exit_code);

}  // namespace netobs::cli
