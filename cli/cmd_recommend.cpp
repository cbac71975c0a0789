// `netobs recommend`: least-privilege NetworkPolicies from observed flows.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/graph.hpp>
#include <netobs/ingest.hpp>
#include <netobs/inventory.hpp>
#include <netobs/observe.hpp>
#include <netobs/recommend.hpp>
#include <netobs/render.hpp>
#include <netobs/time.hpp>

#include "common.hpp"
#include "process.hpp"

namespace netobs::cli {
namespace {

ExitCode fail(std::ostream& err, const std::string& message, ExitCode code = ExitCode::input_error) {
  fmt::print(err, "netobs recommend: {}\n", message);
  return code;
}

// One line, rewritten in place: what a long collection has gathered so far.
void print_progress(std::ostream& err, const CollectProgress& progress) {
  const auto seconds = static_cast<std::int64_t>(progress.elapsed);
  fmt::print(err, "\r\033[Kcollecting: {} flows ({:.0f}/s), {} edges, {:02}:{:02}:{:02}{}", progress.flows,
             progress.elapsed > 0 ? static_cast<double>(progress.flows) / progress.elapsed : 0.0, progress.edges,
             seconds / 3600, seconds / 60 % 60, seconds % 60,
             progress.reconnects ? fmt::format(", {} reconnects", progress.reconnects) : "");
  err.flush();
}

// Reads the collection options (--follow, --duration, --since, --agent-*, ...) into `ingest`.
ExitCode collect_options(const RecommendOptions& options, IngestOptions& ingest, std::ostream& err) {
  CollectOptions& collect = ingest.collect;
  collect.follow = options.follow;
  collect.max_flows = options.max_flows;
  collect.agent = options.agent;
  collect.checkpoint = options.checkpoint;
  for (auto [text, into, flag] : {std::tuple{&options.duration, &collect.duration, "--duration"},
                                  std::tuple{&options.checkpoint_every, &collect.checkpoint_every, "--checkpoint-every"}}) {
    if (text->empty()) continue;
    const auto seconds = parse_duration(*text);
    if (!seconds) {
      fail(err, fmt::format("{} '{}': expected a duration such as 90s, 30m, 24h or 1h30m", flag, *text));
      return ExitCode::usage;
    }
    *into = *seconds;
  }
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
  for (auto [text, into, flag] : {std::tuple{&options.since, &ingest.since, "--since"},
                                  std::tuple{&options.until, &ingest.until, "--until"}}) {
    if (text->empty()) continue;
    *into = parse_time_bound(*text, now);
    if (!*into) {
      fail(err, fmt::format("{} '{}': expected an RFC 3339 time (2026-11-28T10:00:00Z) or a duration before now (-24h)",
                            flag, *text));
      return ExitCode::usage;
    }
  }
  if (ingest.since && ingest.until && *ingest.since > *ingest.until) {
    fail(err, "--since is later than --until");
    return ExitCode::usage;
  }
  for (const auto& header : options.agent.headers) {
    if (!valid_header(header)) {
      fail(err, "--agent-header: expected 'Name: value'");  // the value may be a secret: not printed
      return ExitCode::usage;
    }
  }
  auto queries = prometheus_queries("recommend", options.prometheus, ingest.since, ingest.until, err);
  if (!queries) return ExitCode::usage;
  ingest.prometheus = std::move(*queries);
  if (options.agent.cert_file.empty() != options.agent.key_file.empty()) {
    fail(err, "--agent-cert and --agent-key go together");
    return ExitCode::usage;
  }
  return ExitCode::ok;
}

}  // namespace

ExitCode run_recommend(const RecommendOptions& options, std::ostream& out, std::ostream& err) {
  netobs::RecommendOptions recommend_options;
  recommend_options.dns = options.dns;
  recommend_options.namespaces = options.namespaces;
  recommend_options.default_deny = options.default_deny ? DefaultDeny::yes : DefaultDeny::no;
  if (!options.dns_selector.empty()) {
    auto parsed = parse_namespaced_selector(options.dns_selector);
    if (!parsed) {
      return fail(err, fmt::format("--dns-selector '{}': expected [NAMESPACE/]key=value[,key=value]",
                                   options.dns_selector), ExitCode::usage);
    }
    if (!parsed->first.empty()) recommend_options.dns_namespace = parsed->first;
    recommend_options.dns_selector = parsed->second;
  }
  recommend_options.scope = options.all_namespaces ? NamespaceScope::all : NamespaceScope::non_system;
  recommend_options.exclude_namespaces = options.exclude_namespaces;
  for (auto [texts, into, flag] : {std::tuple{&options.dns_upstreams, &recommend_options.dns_upstreams, "--dns-upstream"},
                                   std::tuple{&options.vpc_cidrs, &recommend_options.vpc_cidrs, "--vpc-cidr"},
                                   std::tuple{&options.apiserver_cidrs, &recommend_options.apiserver_cidrs, "--apiserver-cidr"}}) {
    for (const auto& text : *texts) {
      auto cidr = parse_cidr(text);
      if (!cidr) return fail(err, fmt::format("{} '{}' is not a CIDR range", flag, text), ExitCode::usage);
      into->push_back(*cidr);
    }
  }
  for (const auto& text : options.dns_ips) {
    auto ip = parse_ip(text);
    if (!ip) return fail(err, fmt::format("--dns-ip '{}' is not an IP address", text), ExitCode::usage);
    recommend_options.dns_ips.push_back(*ip);
  }
  Inventory inventory;
  std::unique_ptr<PodWatch> pod_watch;  // with --from-cluster --follow
  ObserveOptions observe_options;
  IngestOptions& ingest_options = observe_options.ingest;
  for (const auto& path : options.inventories) {
    if (auto loaded = inventory.load_file(path); !loaded) return fail(err, loaded.error().message);
    ingest_options.exclude.emplace_back(path);
  }
  if (options.cluster.from_cluster) {
    // Every namespace: flows cross them, even when policies are written for some (-n).
    auto snapshot = read_cluster_snapshot("recommend", options.cluster, {}, err);
    if (!snapshot) return snapshot.error();
    if (auto loaded = inventory.load_text(snapshot->list, snapshot->origin, snapshot->taken_at); !loaded) {
      return fail(err, loaded.error().message);
    }
    if (options.follow) {
      // Pods come and go during a long collection: watch them, so every address's history is known.
      auto watch = PodWatch::start(cluster_read_options(options.cluster, {}), *snapshot);
      if (!watch) return fail(err, watch.error().message, exit_code_of(watch.error()));
      pod_watch = std::move(*watch);
      ingest_options.collect.refresh = [&pod_watch, &inventory] {
        auto events = pod_watch->take();
        inventory.apply_pod_events(events);
        return !events.empty();
      };
    }
  }
  ingest_options.format = options.input_format;
  ingest_options.vpc_format = options.vpc_format;
  ingest_options.dropped = options.include_dropped ? DroppedFlows::use_as_evidence : DroppedFlows::report_only;
  ingest_options.strictness = options.strict ? Strictness::stop_at_first : Strictness::skip_malformed;
  observe_options.sources = options.sources;
  observe_options.edge_files = options.edge_files;
  observe_options.cluster_cidrs = options.cluster_cidrs;
  if (auto collect = collect_options(options, ingest_options, err); collect != ExitCode::ok) return collect;
  if (options.sources.empty() && options.edge_files.empty() && options.prometheus.urls.empty()) {
    return fail(err, "no flows: give flow sources (files, directories, -, agent URLs), --prometheus URL or --edges FILE",
                ExitCode::usage);
  }

  const bool collecting = ingest_options.collect.follow ||
                          std::any_of(options.sources.begin(), options.sources.end(), is_url_source);
  const bool show_progress = collecting && !options.quiet && ::isatty(STDERR_FILENO) != 0;
  if (show_progress) ingest_options.collect.progress = [&err](const CollectProgress& p) { print_progress(err, p); };
  reset_collection_stop();
  set_collecting(collecting);
  auto observed = observe(observe_options, inventory);
  set_collecting(false);
  if (pod_watch) {
    for (const auto& note : pod_watch->notes()) fmt::print(err, "netobs recommend: note: {}\n", note);
    pod_watch.reset();
  }
  if (show_progress) fmt::print(err, "\r\033[K");
  if (observed && !observed->summary.ended_by.empty()) {
    fmt::print(err, "netobs recommend: collection ended ({}); writing the policies for what was collected\n",
               observed->summary.ended_by);
  }
  if (!observed) {
    return fail(err, observed.error().message,
                observed.error().kind == ErrorKind::usage ? ExitCode::usage : ExitCode::input_error);
  }
  const Graph& graph = observed->graph;
  const IngestSummary& summary = observed->summary;
  recommend_options.window_start = summary.first_seen;
  recommend_options.window_end = summary.last_seen;
  const Recommendation recommendation = recommend(graph, inventory, recommend_options);
  if (!options.quiet || summary.records_used == 0) {
    fmt::print(err, "{}", render_summary(summary, graph, recommendation, options.top));
  }
  if (inventory.empty() && graph.workloads.empty() && summary.records_used > 0) {
    fmt::print(err, "netobs recommend: hint: no address was attributed to a workload; VPC flow logs need "
                    "--inventory to map addresses to pods\n");
  }
  if (inventory.empty() && !graph.workloads.empty() && recommendation.policies.empty()) {
    fmt::print(err, "netobs recommend: hint: the pods' labels are unknown (flow metrics name workloads, not their "
                    "labels): give --inventory or --from-cluster to select them\n");
  }
  if (summary.records_used == 0) {
    return fail(err, fmt::format("no usable flow record in {} source(s): read {} records, {} malformed; "
                                 "see the summary above",
                                 options.sources.size(), summary.records_read, summary.malformed_count));
  }
  const std::string text = render_policies(recommendation.policies, options.format);
  return write_result("recommend", text, options.output, out, err);
}

namespace {

void add_collect_options(CLI::App& cmd, RecommendOptions& options) {
  const char* group = "Collection";
  cmd.add_flag("--follow,-f", options.follow,
               "Keep reading: reconnect to agent URLs when their stream ends or breaks; read stdin to its end")
      ->group(group);
  cmd.add_option("--duration", options.duration, "End the collection after this long (90s, 30m, 24h, 1h30m)")
      ->type_name("DURATION")->group(group);
  cmd.add_option("--max-flows", options.max_flows, "End the collection after this many flow records")
      ->check(CLI::PositiveNumber)->group(group);
  cmd.add_option("--since", options.since, "Only flows at or after this time (RFC 3339, or relative: -24h)")
      ->type_name("TIME")->group(group);
  cmd.add_option("--until", options.until, "Only flows at or before this time (RFC 3339, or relative: -1h)")
      ->type_name("TIME")->group(group);
  cmd.add_option("--checkpoint", options.checkpoint,
                 "Save the aggregated edges here periodically and at the end; resume from it if it exists")
      ->type_name("FILE")->group(group);
  cmd.add_option("--checkpoint-every", options.checkpoint_every, "How often to save the checkpoint (default 5m)")
      ->type_name("DURATION")->group(group);
  cmd.add_option("--edges", options.edge_files, "Saved edges (a checkpoint) to add to the flows (repeatable)")
      ->type_name("FILE")->check(CLI::ExistingFile)->group(group);
  const char* agent = "Agent endpoint";
  add_http_client_options(cmd, options.agent, "agent", "agent URLs", agent);
  cmd.add_option("--agent-connect-timeout", options.agent.connect_timeout, "Seconds to connect (default 10)")
      ->check(CLI::PositiveNumber)->type_name("SECONDS")->group(agent);
  cmd.add_option("--agent-idle-timeout", options.agent.idle_timeout,
                 "Seconds without a byte before reconnecting (default 60)")
      ->check(CLI::PositiveNumber)->type_name("SECONDS")->group(agent);
  cmd.add_option("--agent-retries", options.agent.retries,
                 "Failed attempts in a row (refused, reset, 429, 5xx) before giving up (default 5)")
      ->check(CLI::Range(0, 1000))->group(agent);
}

}  // namespace

void add_recommend_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<RecommendOptions>();
  CLI::App* cmd = app.add_subcommand(
      "recommend", "Write least-privilege NetworkPolicies for the traffic observed in flow records");
  set_examples(*cmd, {"netobs recommend flows/ --inventory cluster.json -o policies.yaml",
                      "netobs recommend --prometheus https://prometheus.monitoring:9090 --window 14d --from-cluster --default-deny"});
  cmd->add_option("sources", options->sources,
                  "Flow records: files, directories (recursive), - for stdin, or an agent's http(s):// URL; "
                  "VPC flow logs or Hubble JSON, plain or gzip");
  cmd->add_option("--inventory", options->inventories,
                  "Output of 'kubectl get namespaces,nodes,pods,services,deployments,statefulsets,"
                  "daemonsets,replicasets,jobs,cronjobs -A -o json' (repeatable)");
  std::vector<std::string> formats = flow_format_names();
  formats.insert(formats.begin(), "auto");
  cmd->add_option("--input-format", options->input_format, "Record format (default: detected per source)")
      ->check(CLI::IsMember(formats));
  cmd->add_option("--vpc-format", options->vpc_format,
                  "LogFormat of header-less VPC records, e.g. '${version} ${srcaddr} ...' (default: v2)");
  cmd->add_flag("--include-dropped,--include-denied", options->include_dropped,
                "Use denied flows as evidence too: Hubble DROPPED/AUDIT, EKS network policy agent DENY");
  cmd->add_flag("--strict", options->strict, "Stop at the first malformed record (exit 3)");
  cmd->add_option("--cluster-cidr", options->cluster_cidrs,
                  "Pod or Service range; unexplained addresses in it are reported, never allowed (repeatable)");
  add_choice(*cmd, "--dns", options->dns, Choices<DnsMode>{{"auto", DnsMode::allow}, {"none", DnsMode::none}},
             "DNS egress in every policy: auto (cluster DNS) or none");
  cmd->add_option("--dns-selector", options->dns_selector,
                  "DNS pods as [NAMESPACE/]key=value[,key=value] (default: the kube-dns Service's selector)");
  cmd->add_option("--dns-ip", options->dns_ips, "Also allow DNS to this address, e.g. NodeLocal DNSCache (repeatable)");
  cmd->add_option("--namespace,-n", options->namespaces,
                  "Write policies only for this namespace (repeatable; system namespaces only when named or -A)");
  cmd->add_flag("--all-namespaces,-A", options->all_namespaces,
                "Policies for every namespace, kube-system included (for a cluster-wide default-deny)");
  cmd->add_option("--exclude-namespace", options->exclude_namespaces, "Never write policies for this namespace (repeatable)");
  cmd->add_option("--dns-upstream", options->dns_upstreams,
                  "A resolver the DNS server forwards to, allowed in its egress (repeatable; 169.254.169.253 always)");
  cmd->add_option("--vpc-cidr", options->vpc_cidrs, "The VPC's CIDR: its base+2 address (the VPC resolver) is a DNS upstream (repeatable)");
  cmd->add_option("--apiserver-cidr", options->apiserver_cidrs,
                  "Where the API server's endpoints live: written instead of their changing addresses (repeatable)");
  cmd->add_flag("--default-deny", options->default_deny,
                "Add a deny-all policy to each covered namespace and list workloads it would cut off");
  add_choice(*cmd, "--format", options->format, Choices<OutputFormat>{{"yaml", OutputFormat::yaml}, {"json", OutputFormat::json}},
             "Output format");
  add_output_option(*cmd, options->output);
  cmd->add_option("--top", options->top, "Rows per list in the summary on stderr")->check(CLI::Range(1, 100000));
  cmd->add_flag("--quiet,-q", options->quiet, "No summary on stderr");
  add_cluster_options(*cmd, options->cluster, ClusterFlag::explicit_flag);
  add_collect_options(*cmd, *options);
  add_prometheus_options(*cmd, options->prometheus);
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code] { exit_code = run_recommend(*options, std::cout, std::cerr); });
}

}  // namespace netobs::cli
