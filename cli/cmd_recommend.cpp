// `netobs recommend`: least-privilege NetworkPolicies from observed flows.
#include <algorithm>
#include <iostream>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/address_book.hpp>
#include <netobs/recommend.hpp>
#include <netobs/render.hpp>

#include "flow_input.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {
namespace {

ExitCode fail(std::ostream& err, const std::string& message, ExitCode code = ExitCode::input_error) {
  fmt::print(err, "netobs recommend: {}\n", message);
  return code;
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
  // Read before the flows, so a wrong file fails before a long collection.
  AddressBook addresses;
  for (auto [path, load] : {std::pair{&options.vpc_resources, &AddressBook::load_vpc_resources},
                            std::pair{&options.aws_ip_ranges, &AddressBook::load_aws_ip_ranges}}) {
    if (path->empty()) continue;
    if (auto loaded = (addresses.*load)(*path); !loaded) return fail(err, describe(loaded.error()));
  }
  if (!addresses.empty()) recommend_options.addresses = &addresses;
  recommend_options.aggregate_aws = options.aggregate_aws;
  auto observation = observe_sources("recommend", options.flows, StateViews::inventory_only, err);
  if (!observation) return observation.error();
  const Inventory& inventory = observation->state.inventory;
  const Observed& observed = observation->observed;
  print_collection_end("recommend", observed.summary, options.flows.quiet,
                       "writing the policies for what was collected", err);
  const Graph& graph = observed.graph;
  const IngestSummary& summary = observed.summary;
  recommend_options.window_start = summary.first_seen;
  recommend_options.window_end = summary.last_seen;
  const Recommendation recommendation = recommend(graph, inventory, recommend_options);
  if (!options.flows.quiet || summary.records_used == 0) {
    fmt::print(err, "{}", render_summary(summary, graph, recommendation, options.top));
  }
  // Warnings are printed even with --quiet: each says that the output may not do what was asked.
  for (auto [names, flag] :
       {std::pair{&options.namespaces, "-n"}, std::pair{&options.exclude_namespaces, "--exclude-namespace"}}) {
    for (const auto& ns : unknown_namespaces(*names, inventory, graph)) {
      fmt::print(err, "netobs recommend: warning: namespace '{}' ({}) is in neither the inventory nor the flows\n", ns,
                 flag);
    }
  }
  for (const auto& warning : recommendation.warnings) fmt::print(err, "netobs recommend: warning: {}\n", warning);
  if (inventory.empty() && graph.workloads.empty() && summary.records_used > 0) {
    fmt::print(err,
               "netobs recommend: hint: no address was attributed to a workload; VPC flow logs need "
               "--inventory to map addresses to pods\n");
  }
  if (inventory.empty() && !graph.workloads.empty() && recommendation.model.workloads.empty() &&
      recommendation.model.default_deny.empty()) {
    fmt::print(err,
               "netobs recommend: hint: the pods' labels are unknown (flow metrics name workloads, not their "
               "labels): give --inventory or --from-cluster to select them\n");
  }
  if (summary.records_used == 0) {
    return fail(err, no_usable_records(summary, options.flows.input.sources.size()) + "; see the summary above");
  }
  if (recommendation.error) return fail(err, recommendation.error->message);
  const std::string text = render_recommendation(recommendation.model, options.kind, options.format);
  return collection_exit_code(summary, write_result("recommend", text, options.output, out, err));
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
  cmd->add_option("--namespace,-n", options->namespaces,
                  "Write policies only for this namespace (repeatable; system namespaces only when named or -A)");
  cmd->add_flag("--all-namespaces,-A", options->all_namespaces,
                "Policies for every namespace, kube-system included (for a cluster-wide default-deny)");
  cmd->add_option("--exclude-namespace", options->exclude_namespaces,
                  "Never write policies for this namespace (repeatable)");
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
      ->check(CLI::Range(1, 100000).description(""))
      ->type_name("N");
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code, cmd] {
    refuse_stdin_twice(*cmd);
    exit_code = run_recommend(*options, std::cout, std::cerr);
  });
}

}  // namespace netobs::cli
