// `netobs recommend`: least-privilege NetworkPolicies from observed flows.
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

#include "common.hpp"

namespace netobs::cli {
namespace {

ExitCode fail(std::ostream& err, const std::string& message, ExitCode code = ExitCode::input_error) {
  fmt::print(err, "netobs recommend: {}\n", message);
  return code;
}

}  // namespace

ExitCode run_recommend(const RecommendOptions& options, std::ostream& out, std::ostream& err) {
  netobs::RecommendOptions recommend_options;
  recommend_options.dns = options.dns == "none" ? DnsMode::none : DnsMode::allow;
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
    if (auto loaded = inventory.load_text(snapshot->list, snapshot->origin); !loaded) return fail(err, loaded.error().message);
  }
  if (options.input_format == "vpc") ingest_options.format = InputFormat::vpc;
  if (options.input_format == "hubble") ingest_options.format = InputFormat::hubble;
  ingest_options.vpc_format = options.vpc_format;
  ingest_options.dropped = options.include_dropped ? DroppedFlows::use_as_evidence : DroppedFlows::report_only;
  ingest_options.strictness = options.strict ? Strictness::stop_at_first : Strictness::skip_malformed;
  observe_options.sources = options.sources;
  observe_options.cluster_cidrs = options.cluster_cidrs;

  auto observed = observe(observe_options, inventory);
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
  if (summary.records_used == 0) {
    return fail(err, fmt::format("no usable flow record in {} source(s): read {} records, {} malformed; "
                                 "see the summary above",
                                 options.sources.size(), summary.records_read, summary.malformed_count));
  }
  const std::string text = render_policies(recommendation.policies,
                                           options.format == "json" ? OutputFormat::json : OutputFormat::yaml);
  return write_result("recommend", text, options.output, out, err);
}

void add_recommend_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<RecommendOptions>();
  CLI::App* cmd = app.add_subcommand(
      "recommend", "Write least-privilege NetworkPolicies for the traffic observed in flow records");
  cmd->add_option("sources", options->sources,
                  "Flow records: files, directories (recursive) or - for stdin; VPC flow logs or Hubble "
                  "JSON, plain or gzip")
      ->required();
  cmd->add_option("--inventory", options->inventories,
                  "Output of 'kubectl get namespaces,nodes,pods,services,deployments,statefulsets,"
                  "daemonsets,replicasets,jobs,cronjobs -A -o json' (repeatable)");
  cmd->add_option("--input-format", options->input_format, "Record format (default: detected per source)")
      ->check(CLI::IsMember({"auto", "vpc", "hubble"}));
  cmd->add_option("--vpc-format", options->vpc_format,
                  "LogFormat of header-less VPC records, e.g. '${version} ${srcaddr} ...' (default: v2)");
  cmd->add_flag("--include-dropped", options->include_dropped,
                "Use Hubble DROPPED/AUDIT flows as evidence too");
  cmd->add_flag("--strict", options->strict, "Stop at the first malformed record (exit 3)");
  cmd->add_option("--cluster-cidr", options->cluster_cidrs,
                  "Pod or Service range; unexplained addresses in it are reported, never allowed (repeatable)");
  cmd->add_option("--dns", options->dns, "DNS egress in every policy: auto (cluster DNS) or none")
      ->check(CLI::IsMember({"auto", "none"}));
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
  cmd->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"yaml", "json"}));
  add_output_option(*cmd, options->output);
  cmd->add_option("--top", options->top, "Rows per list in the summary on stderr")->check(CLI::Range(1, 100000));
  cmd->add_flag("--quiet,-q", options->quiet, "No summary on stderr");
  add_cluster_options(*cmd, options->cluster, ClusterFlag::explicit_flag);
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code] { exit_code = run_recommend(*options, std::cout, std::cerr); });
}

}  // namespace netobs::cli
