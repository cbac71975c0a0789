#include "flow_input.hpp"

#include <tuple>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/clock.hpp>
#include <netobs/collect.hpp>
#include <netobs/ingest.hpp>
#include <netobs/job.hpp>
#include <netobs/time.hpp>

namespace netobs::cli {
namespace {

// Parses the duration `text` of `flag` into `into` (left as it is when `text` is empty).
bool read_duration(const std::string& command, const char* flag, const std::string& text, std::int64_t& into,
                   std::ostream& err) {
  if (text.empty()) return true;
  const auto seconds = parse_duration(text);
  if (!seconds) {
    print_error(err, command, fmt::format("{} '{}': expected a duration such as 90s, 30m, 24h or 1h30m", flag, text));
    return false;
  }
  into = *seconds;
  return true;
}

// Reads recommend's and graph's collection options (--follow, --duration, ...) into `collect`.
ExitCode collection_options(const std::string& command, const CollectionCliOptions& options, CollectOptions& collect,
                            std::ostream& err) {
  collect.follow = options.follow;
  collect.max_flows = options.max_flows;
  collect.checkpoint = options.checkpoint;
  for (auto [text, into, flag] :
       {std::tuple{&options.duration, &collect.duration, "--duration"},
        std::tuple{&options.checkpoint_every, &collect.checkpoint_every, "--checkpoint-every"},
        std::tuple{&options.scrape_interval, &collect.scrape_interval, "--scrape-interval"}}) {
    if (!read_duration(command, flag, *text, *into, err)) return ExitCode::usage;
  }
  if (!options.scrape_interval.empty() && !options.follow) {
    // Without --follow a metrics URL is read once: an interval would be silently ignored.
    print_error(err, command, "--scrape-interval needs --follow (without it, a metrics URL is scraped once)");
    return ExitCode::usage;
  }
  return ExitCode::ok;
}

void add_collection_options(CLI::App& cmd, CollectionCliOptions& options) {
  const char* group = "Collection";
  cmd.add_flag("--follow,-f", options.follow,
               "Keep reading: reconnect to agent URLs when their stream ends or breaks; read stdin to its end")
      ->group(group);
  cmd.add_option("--duration", options.duration, "End the collection after this long (90s, 30m, 24h, 1h30m)")
      ->type_name("DURATION")
      ->group(group);
  cmd.add_option("--max-flows", options.max_flows, "End the collection after this many flow records")
      ->check(positive_number())
      ->type_name("N")
      ->group(group);
  cmd.add_option("--checkpoint", options.checkpoint,
                 "Save the aggregated edges here periodically and at the end; resume from it if it exists")
      ->type_name("FILE")
      ->group(group);
  cmd.add_option("--checkpoint-every", options.checkpoint_every, "How often to save the checkpoint (default 5m)")
      ->type_name("DURATION")
      ->group(group);
  cmd.add_option("--scrape-interval", options.scrape_interval,
                 "With --follow, scrape metrics URLs this often; each scrape counts what the counters grew by "
                 "(default 30s)")
      ->type_name("DURATION")
      ->group(group);
}

// Agent URLs among the sources: how to authenticate, verify TLS and wait for them.
void add_agent_options(CLI::App& cmd, FlowInputOptions& options) {
  const char* agent = "Agent endpoint";
  add_http_client_options(cmd, options.agent, "agent", "agent URLs", agent);
  cmd.add_option("--agent-connect-timeout", options.agent.connect_timeout, "Seconds to connect (default 10)")
      ->check(positive_number())
      ->type_name("SECONDS")
      ->group(agent);
  cmd.add_option("--agent-idle-timeout", options.agent.idle_timeout,
                 "Seconds without a byte before reconnecting (default 60)")
      ->check(positive_number())
      ->type_name("SECONDS")
      ->group(agent);
  cmd.add_option("--agent-retry-for", options.agent_retry_for,
                 "How long an agent may stay unreachable (refused, reset, 429, 5xx, a rotated token) before "
                 "giving up (default 5m; waits between attempts grow to 5s at most)")
      ->type_name("DURATION")
      ->group(agent);
}

}  // namespace

void add_flow_input_options(CLI::App& cmd, FlowInputOptions& options, SourcesArgument sources) {
  const char* group = "Flow input";
  const std::string sources_help =
      "Flow records: files, directories (recursive), - for stdin, or an agent's http(s):// URL; VPC flow logs, "
      "Hubble JSON, EKS agent logs, plain or gzip";
  if (sources == SourcesArgument::positional) {
    cmd.add_option("sources", options.sources, sources_help)->type_name("PATH");
  } else {
    cmd.add_option("--flows", options.sources,
                   sources_help + "; the connections they show are judged against the policies (repeatable)")
        ->type_name("PATH")
        ->group(group);
  }
  std::vector<std::string> formats = flow_format_names();
  formats.insert(formats.begin(), "auto");
  cmd.add_option("--input-format", options.input_format, "Record format (default: detected per source)")
      ->transform(CLI::IsMember(formats, CLI::ignore_case).description(""))
      ->type_name(fmt::format("{}", fmt::join(formats, "|")))
      ->group(group);
  cmd.add_option("--vpc-format", options.vpc_format,
                 "LogFormat of header-less VPC records, e.g. '${version} ${srcaddr} ...' (default: v2)")
      ->group(group);
  cmd.add_flag("--include-denied,--include-dropped", options.include_denied,
               "Use denied flows as evidence too: Hubble DROPPED/AUDIT, EKS network policy agent DENY")
      ->group(group);
  cmd.add_flag("--strict", options.strict, "Stop at the first malformed flow record (exit 3)")->group(group);
  cmd.add_option("--cluster-cidr", options.cluster_cidrs,
                 "Pod or Service range; unexplained addresses in it are reported, never allowed (repeatable)")
      ->group(group);
  cmd.add_option("--edges", options.edge_files,
                 "Saved edges (a checkpoint) to add to the flows, - for stdin (repeatable)")
      ->type_name("FILE")
      ->group(group);
  add_time_window_options(cmd, options.since, options.until, "flows", group);
  add_agent_options(cmd, options);
  add_prometheus_options(cmd, options.prometheus);
}

Loaded<ObserveOptions> flow_observe_options(const std::string& command, const FlowInputOptions& options,
                                            std::int64_t now, std::ostream& err) {
  ObserveOptions observe_options;
  observe_options.sources = options.sources;
  observe_options.edge_files = options.edge_files;
  observe_options.cluster_cidrs = options.cluster_cidrs;
  IngestOptions& ingest = observe_options.ingest;
  ingest.format = options.input_format;
  ingest.vpc_format = options.vpc_format;
  ingest.dropped = options.include_denied ? DroppedFlows::use_as_evidence : DroppedFlows::report_only;
  ingest.strictness = options.strict ? Strictness::stop_at_first : Strictness::skip_malformed;
  const auto usage = [&](const std::string& message) {
    print_error(err, command, message);
    return tl::unexpected(ExitCode::usage);
  };
  for (const auto& text : options.cluster_cidrs) {
    if (!parse_cidr(text)) return usage(fmt::format("--cluster-cidr '{}' is not a CIDR range", text));
  }
  auto window = time_window(command, options.since, options.until, now, err);
  if (!window) return tl::unexpected(window.error());
  ingest.since = window->since;
  ingest.until = window->until;
  ingest.collect.agent = options.agent;
  if (!read_duration(command, "--agent-retry-for", options.agent_retry_for, ingest.collect.agent.retry_for, err)) {
    return tl::unexpected(ExitCode::usage);
  }
  for (const auto& header : options.agent.headers) {
    if (!valid_header(header)) return usage("--agent-header: expected 'Name: value'");  // the value may be a secret
  }
  if (options.agent.cert_file.empty() != options.agent.key_file.empty()) {
    return usage("--agent-cert and --agent-key go together");
  }
  auto queries = prometheus_queries(command, options.prometheus, ingest.since, ingest.until, err);
  if (!queries) return tl::unexpected(ExitCode::usage);
  // A missing file is an input error, as for every file read (exit 3), found before a collection.
  for (const AgentOptions* http : {&options.agent, &options.prometheus.http}) {
    if (auto problem = unreadable_file(*http)) {
      print_error(err, command, *problem);
      return tl::unexpected(ExitCode::input_error);
    }
  }
  ingest.prometheus = std::move(*queries);
  return observe_options;
}

void add_flow_source_options(CLI::App& cmd, FlowSourceOptions& options) {
  add_flow_input_options(cmd, options.input, SourcesArgument::positional);
  cmd.add_option("--inventory", options.inventories, fmt::format("Output of '{}' (repeatable)", k_inventory_command))
      ->type_name("FILE");
  add_cluster_options(cmd, options.cluster, ClusterFlag::explicit_flag);
  add_collection_options(cmd, options.collection);
}

Loaded<FlowCollection> flow_collection(const std::string& command, const FlowSourceOptions& options,
                                       std::ostream& err) {
  if (!options.input.given()) {
    print_error(err, command,
                "no flows: give flow sources (files, directories, -, agent URLs), --prometheus URL or --edges FILE");
    return tl::unexpected(ExitCode::usage);
  }
  auto observe_options = flow_observe_options(command, options.input, now_seconds(), err);
  if (!observe_options) return tl::unexpected(observe_options.error());
  if (auto collect = collection_options(command, options.collection, observe_options->ingest.collect, err);
      collect != ExitCode::ok) {
    return tl::unexpected(collect);
  }
  FlowCollection flows;
  flows.state = cluster_state_options(options.cluster);
  flows.state.inventories = options.inventories;
  // `kubectl get -o json > flows/cluster.json` beside the logs is an inventory, not flows.
  flows.state.flow_sources = options.input.sources;
  flows.state.sources_format = options.input.input_format;
  flows.observe = std::move(*observe_options);
  return flows;
}

Loaded<FlowEvidence> flow_evidence(const std::string& command, const FlowInputOptions& options, std::ostream& err) {
  FlowEvidence evidence;
  // Checked with flows or without: a wrong --since is wrong whether or not it had flows to select.
  auto observe_options = flow_observe_options(command, options, now_seconds(), err);
  if (!observe_options) return tl::unexpected(observe_options.error());
  if (!options.given()) {
    // A time window with nothing to apply it to would be ignored, and the run read as filtered.
    if (!options.since.empty() || !options.until.empty()) {
      print_error(err, command,
                  fmt::format("{} selects flows, and none were given: add --flows (or --edges)",
                              options.since.empty() ? "--until" : "--since"));
      return tl::unexpected(ExitCode::usage);
    }
    return evidence;
  }
  evidence.observe = std::move(*observe_options);
  return evidence;
}

void print_collection_end(const std::string& command, const IngestSummary& summary, bool quiet,
                          std::string_view written, std::ostream& err) {
  if (!summary.failure.empty()) {
    fmt::print(err, "netobs {}: collection ended on a source failure; {} (exit 3): {}\n", command, written,
               summary.failure);
  } else if (!summary.ended_by.empty() && !quiet) {
    fmt::print(err, "netobs {}: collection ended ({}); {}\n", command, summary.ended_by, written);
  }
  // -q silences the summary, which holds the input's warnings; they are still said (with nothing
  // usable the whole summary is printed anyway).
  if (!quiet || summary.records_used == 0) return;
  for (const auto& warning : summary.warnings) fmt::print(err, "netobs {}: warning: {}\n", command, warning);
  if (summary.malformed_count > 0) {
    fmt::print(err, "netobs {}: warning: {} (listed without -q)\n", command, malformed_skipped(summary));
  }
}

}  // namespace netobs::cli
