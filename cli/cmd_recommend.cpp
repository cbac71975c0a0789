// `netobs recommend`: least-privilege NetworkPolicies from observed flows.
#include <algorithm>
#include <iostream>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/jobs.hpp>

#include "collection_terminal.hpp"
#include "flow_input.hpp"
#include "job_output.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {
namespace {

ExitCode fail(std::ostream& err, const std::string& message, ExitCode code = ExitCode::input_error) {
  fmt::print(err, "netobs recommend: {}\n", message);
  return code;
}

// What the job says after the collection, in its order, then the policies.
ExitCode write_recommendation(const RecommendResult& result, const RecommendOptions& options, const JobWording& wording,
                              std::ostream& out, std::ostream& err) {
  print_job_notes("recommend", result.job, wording, err);
  if (!result.observed) return exit_code_of(result.job.exit);
  const IngestSummary& summary = result.observed->summary;
  print_collection_end("recommend", summary, options.flows.quiet, "writing the policies for what was collected", err);
  if (!options.flows.quiet || summary.records_used == 0) fmt::print(err, "netobs recommend: {}", result.summary);
  // Warnings are printed even with --quiet: each says that the output may not do what was asked.
  for (auto [names, flag] : {std::pair{&result.unknown_namespaces, "-n"},
                             std::pair{&result.unknown_excluded_namespaces, "--exclude-namespace"}}) {
    for (const auto& ns : *names) {
      fmt::print(err, "netobs recommend: warning: namespace '{}' ({}) is in neither the inventory nor the flows\n", ns,
                 flag);
    }
  }
  for (const auto& warning : result.recommendation.warnings) {
    fmt::print(err, "netobs recommend: warning: {}\n", warning);
  }
  for (const RecommendHint hint : result.hints) {
    switch (hint) {
      case RecommendHint::no_attribution:
        fmt::print(err,
                   "netobs recommend: hint: no address was attributed to a workload; VPC flow logs need "
                   "--inventory to map addresses to pods\n");
        break;
      case RecommendHint::unknown_labels:
        fmt::print(err,
                   "netobs recommend: hint: the pods' labels are unknown (flow metrics name workloads, not their "
                   "labels): give --inventory or --from-cluster to select them\n");
        break;
    }
  }
  if (result.failure) return fail(err, *result.failure, exit_code_of(result.job.exit));
  return write_job_output("recommend", result.job, options.output, out, err);
}

}  // namespace

ExitCode run_recommend(const RecommendOptions& options, std::ostream& out, std::ostream& err) {
  netobs::RecommendOptions recommend_options;
  recommend_options.dns = options.dns;
  recommend_options.namespaces = options.namespaces;
  if (options.all_namespaces && !options.namespaces.empty()) {
    return fail(err, "-A/--all-namespaces and -n/--namespace contradict each other: give one", ExitCode::usage);
  }
  for (const auto& ns : options.namespaces) {
    if (std::find(options.exclude_namespaces.begin(), options.exclude_namespaces.end(), ns) !=
        options.exclude_namespaces.end()) {
      return fail(err, fmt::format("namespace '{}' is both named (-n) and excluded (--exclude-namespace)", ns),
                  ExitCode::usage);
    }
  }
  recommend_options.default_deny = options.default_deny ? DefaultDeny::yes : DefaultDeny::no;
  if (!options.dns_selector.empty()) {
    auto parsed = parse_namespaced_selector(options.dns_selector);
    if (!parsed) {
      return fail(err,
                  fmt::format("--dns-selector '{}': expected [NAMESPACE/]key=value[,key=value]", options.dns_selector),
                  ExitCode::usage);
    }
    if (!parsed->first.empty()) recommend_options.dns_namespace = parsed->first;
    recommend_options.dns_selector = parsed->second;
  }
  recommend_options.scope = options.all_namespaces ? NamespaceScope::all : NamespaceScope::non_system;
  recommend_options.exclude_namespaces = options.exclude_namespaces;
  for (auto [texts, into, flag] :
       {std::tuple{&options.dns_upstreams, &recommend_options.dns_upstreams, "--dns-upstream"},
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
  if (options.egress_names && options.kind != OutputKind::cilium && options.kind != OutputKind::eks) {
    return fail(err, "--egress-names needs --output-kind cilium or eks: networking/v1 cannot allow a name",
                ExitCode::usage);
  }
  if (options.egress_names && options.kind == OutputKind::cilium && options.dns == DnsMode::none) {
    // toFQDNs learns addresses from Cilium's DNS proxy, which only the DNS rule turns on.
    return fail(err, "--egress-names with --output-kind cilium needs the DNS rule: drop --dns none", ExitCode::usage);
  }
  recommend_options.egress_names = options.egress_names;
  if (options.aggregate_aws && options.aws_ip_ranges.empty()) {
    return fail(err, "--aggregate-aws needs --aws-ip-ranges (the published ranges to aggregate to)", ExitCode::usage);
  }
  recommend_options.aggregate_aws = options.aggregate_aws;
  auto flows = flow_collection("recommend", options.flows, err);
  if (!flows) return flows.error();
  RecommendJob job;
  job.flows = std::move(*flows);
  job.recommend = std::move(recommend_options);
  job.vpc_resources = options.vpc_resources;
  job.aws_ip_ranges = options.aws_ip_ranges;
  job.kind = options.kind;
  job.format = options.format;
  job.top = options.top;
  JobWording wording;
  wording.quiet = options.flows.quiet;
  CollectionTerminal terminal("recommend", wording, err);
  job.front_end = terminal.front_end();
  const RecommendResult result = run_recommend_job(job);
  terminal.end();
  return write_recommendation(result, options, wording, out, err);
}

void add_recommend_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<RecommendOptions>();
  CLI::App* cmd =
      app.add_subcommand("recommend", "Write least-privilege NetworkPolicies for the traffic observed in flow records");
  set_examples(
      *cmd,
      {"netobs recommend flows/ --inventory cluster.json -o policies.yaml",
       "netobs recommend --prometheus https://prometheus.monitoring:9090 --window 14d --from-cluster --default-deny"});
  add_flow_source_options(*cmd, options->flows);
  add_choice(*cmd, "--dns", options->dns, Choices<DnsMode>{{"auto", DnsMode::allow}, {"none", DnsMode::none}},
             "DNS egress in every policy: auto (cluster DNS) or none");
  cmd->add_option("--dns-selector", options->dns_selector,
                  "DNS pods as [NAMESPACE/]key=value[,key=value] (default: the kube-dns Service's selector)");
  cmd->add_option("--dns-ip", options->dns_ips, "Also allow DNS to this address, e.g. NodeLocal DNSCache (repeatable)");
  add_namespace_option(*cmd, options->namespaces);
  cmd->add_flag("--all-namespaces,-A", options->all_namespaces,
                "Policies for every namespace, kube-system included (for a cluster-wide default-deny)");
  cmd->add_option("--exclude-namespace", options->exclude_namespaces,
                  "Never write policies for this namespace (repeatable)")
      ->type_name("NAMESPACE")
      ->check(namespace_name());
  cmd->add_option("--dns-upstream", options->dns_upstreams,
                  "A resolver the DNS server forwards to, allowed in its egress (repeatable; 169.254.169.253 always)");
  cmd->add_option("--vpc-cidr", options->vpc_cidrs,
                  "The VPC's CIDR: its base+2 address (the VPC resolver) is a DNS upstream (repeatable)");
  cmd->add_option("--apiserver-cidr", options->apiserver_cidrs,
                  "Where the API server's endpoints live: written instead of their changing addresses (repeatable)");
  cmd->add_flag("--default-deny", options->default_deny,
                "Add a deny-all policy to each covered namespace and list workloads it would cut off");
  add_choice(
      *cmd, "--output-kind", options->kind,
      Choices<OutputKind>{{"networkpolicy", OutputKind::networkpolicy},
                          {"cilium", OutputKind::cilium},
                          {"eks", OutputKind::eks},
                          {"clusternetworkpolicy", OutputKind::clusternetworkpolicy}},
      "Policy kind to write: networking/v1 NetworkPolicy, CiliumNetworkPolicy, EKS (ApplicationNetworkPolicy and "
      "ClusterNetworkPolicy tiers) or upstream ClusterNetworkPolicy tiers");
  cmd->add_option("--vpc-resources", options->vpc_resources,
                  "Name private addresses outside the cluster: a JSON list of {\"cidr\" or \"ip\", \"name\"}")
      ->type_name("FILE");
  cmd->add_option("--aws-ip-ranges", options->aws_ip_ranges,
                  "AWS's ip-ranges.json: label AWS addresses with their service and region")
      ->type_name("FILE");
  cmd->add_flag("--egress-names", options->egress_names,
                "Allow egress to an outside address by the names the workload resolved (Hubble DNS answers), "
                "as toFQDNs (cilium) or domainNames (eks)");
  cmd->add_flag("--aggregate-aws", options->aggregate_aws,
                "Allow AWS addresses as their published service/region prefix instead of /32s (widens access)");
  add_format_option(*cmd, options->format,
                    {{FormatName::yaml, OutputFormat::yaml}, {FormatName::json, OutputFormat::json}}, "Output format",
                    options->output);
  add_output_option(*cmd, options->output);
  add_quiet_option(*cmd, options->flows.quiet);
  cmd->add_option("--top", options->top, "Rows per list in the summary on stderr (1 to 100000, default 10)")
      ->check(number_in_range(1, 100000))
      ->type_name("N");
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code, cmd] {
    refuse_stdin_twice(*cmd);
    exit_code = run_recommend(*options, std::cout, std::cerr);
  });
}

}  // namespace netobs::cli
