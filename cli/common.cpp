#include "common.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/collect.hpp>
#include <netobs/inventory.hpp>
#include <netobs/kube.hpp>
#include <netobs/observe.hpp>
#include <netobs/output.hpp>
#include <netobs/time.hpp>

namespace netobs::cli {

ExitCode check_policy_kinds(const std::string& command, const std::string& what,
                            const std::vector<UnanalysedPolicy>& unanalysed, std::size_t analysed, std::ostream& err) {
  if (unanalysed.empty()) return ExitCode::ok;
  const bool nothing_analysed = analysed == 0;
  for (const auto& policy : unanalysed) {
    fmt::print(err, "netobs {}: {}: {}:{}: {} is not analysed: netobs evaluates {} only\n", command,
               nothing_analysed ? "error" : "warning", policy.location.file, policy.location.line, describe(policy),
               k_analysed_policy_api);
  }
  if (!nothing_analysed) {
    fmt::print(err, "netobs {}: warning: the result leaves out the {} policies of other kinds above\n", command,
               unanalysed.size());
    return ExitCode::ok;
  }
  fmt::print(err, "netobs {}: nothing to analyse in {}: no {}, only the {} policies of other kinds above\n", command,
             what, k_analysed_policy_api, unanalysed.size());
  return ExitCode::input_error;
}

void add_strict_input_option(CLI::App& cmd, bool& strict_input) {
  cmd.add_flag("--strict-input", strict_input, "Stop (exit 3) at a file that does not parse, instead of reporting it and going on");
}

void add_cluster_options(CLI::App& cmd, ClusterOptions& options, ClusterFlag flag) {
  if (flag == ClusterFlag::explicit_flag) {
    cmd.add_flag("--from-cluster", options.from_cluster,
                 "Read pods, namespaces, nodes and policies from the Kubernetes API server (kubeconfig as kubectl)");
  }
  cmd.add_option("--kubeconfig", options.kubeconfig, "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, else in-cluster)")
      ->type_name("FILE");
  cmd.add_option("--context", options.context, "kubeconfig context (default: current-context)");
  cmd.add_option("--request-timeout", options.request_timeout, "Seconds per API request (default 30)")->check(CLI::Range(1.0, 3600.0));
}

ClusterReadOptions cluster_read_options(const ClusterOptions& cluster, const std::vector<std::string>& namespaces) {
  ClusterReadOptions read;
  read.kubeconfig = cluster.kubeconfig;
  read.context = cluster.context;
  read.namespaces = namespaces;
  read.request_timeout = cluster.request_timeout;
  return read;
}

StateOptions cluster_state_options(const ClusterOptions& cluster, const std::vector<std::string>& namespaces) {
  StateOptions options;
  options.from_cluster = cluster.from_cluster;
  options.cluster = cluster_read_options(cluster, namespaces);
  return options;
}

Loaded<ClusterState> load_cluster_state(const std::string& command, const StateOptions& options, std::ostream& err,
                                        std::string_view left_out) {
  auto state = load_state(options);
  if (!state) {
    fmt::print(err, "netobs {}: {}\n", command, state.error().message);
    return tl::unexpected(exit_code_of(state.error()));
  }
  for (const auto& path : state->lists_found) {
    fmt::print(err, "netobs {}: note: {} is a Kubernetes List: read as the inventory (no --inventory was given)\n",
               command, path);
  }
  for (const auto& note : state->manifests.notes) fmt::print(err, "netobs {}: note: {}\n", command, note);
  for (const auto& problem : state->manifests.problems) {
    fmt::print(err, "netobs {}: error: {}:{}: {}{}{} ({})\n", command, problem.location.file, problem.location.line,
               problem.message, problem.hint.empty() ? "" : "; ", problem.hint, left_out);
  }
  if (state->cluster) {
    for (const auto& note : state->cluster->notes) fmt::print(err, "netobs {}: note: {}\n", command, note);
    for (const auto& warning : state->cluster->warnings) fmt::print(err, "netobs {}: warning: {}\n", command, warning);
  }
  return std::move(*state);
}

Loaded<Graph> observe_flows(const std::string& command, const std::vector<std::string>& flows,
                            const PrometheusCliOptions& prometheus, const std::string& vpc_format,
                            const std::vector<std::string>& cluster_cidrs, const std::vector<std::string>& inventories,
                            const Inventory& inventory, std::ostream& err) {
  ObserveOptions options;
  options.sources = flows;
  auto queries = prometheus_queries(command, prometheus, std::nullopt, std::nullopt, err);
  if (!queries) return tl::unexpected(ExitCode::usage);
  options.ingest.prometheus = std::move(*queries);
  options.ingest.vpc_format = vpc_format;
  for (const auto& path : inventories) options.ingest.exclude.emplace_back(path);
  options.cluster_cidrs = cluster_cidrs;
  auto observed = observe(options, inventory);
  if (!observed) {
    fmt::print(err, "netobs {}: {}\n", command, observed.error().message);
    return tl::unexpected(exit_code_of(observed.error()));
  }
  const IngestSummary& summary = observed->summary;
  for (const auto& note : summary.notes) fmt::print(err, "netobs {}: note: {}\n", command, note);
  if (summary.records_used == 0) {
    // Judged by no traffic, every policy would pass and every live permission look unused.
    for (const auto& message : summary.malformed) fmt::print(err, "netobs {}: malformed: {}\n", command, message);
    for (const auto& [reason, count] : summary.skipped)
      fmt::print(err, "netobs {}: skipped {}: {}\n", command, count, reason);
    fmt::print(err, "netobs {}: {} ({}): nothing was checked against observed traffic\n", command,
               no_usable_records(summary, flows.size() + prometheus.urls.size()), fmt::join(summary.sources, ", "));
    return tl::unexpected(ExitCode::input_error);
  }
  // Policies select pods: edges with no workload at either end (addresses no inventory explained)
  // test none of them, and a result drawn from them would be an all-clear that checked nothing.
  const auto& edges = observed->graph.edges;
  if (std::none_of(edges.begin(), edges.end(), [](const auto& entry) {
        return entry.first.client.kind == PeerKind::workload || entry.first.server.kind == PeerKind::workload;
      })) {
    return tl::unexpected(nothing_checked(
        command, edges.size(), "has a workload at either end (the addresses need --inventory or --from-cluster to name pods)",
        err));
  }
  fmt::print(err, "netobs {}: {} observed edges from {} records\n", command, edges.size(), summary.records_used);
  return std::move(observed->graph);
}

ExitCode nothing_checked(const std::string& command, std::size_t edges, std::string_view why, std::ostream& err) {
  fmt::print(err, "netobs {}: none of the {} observed edges {}: nothing was checked against observed traffic\n", command,
             edges, why);
  return ExitCode::input_error;
}

std::string no_usable_records(const IngestSummary& summary, std::size_t sources) {
  return fmt::format("no usable flow record in {} source(s): read {} records, {} malformed", sources,
                     summary.records_read, summary.malformed_count);
}

void add_http_client_options(CLI::App& cmd, AgentOptions& options, const std::string& prefix, const std::string& what,
                             const char* group) {
  const std::string flag = "--" + prefix + "-";
  cmd.add_option(flag + "token-file", options.token_file, fmt::format("Bearer token for {}, read again for every connection", what))
      ->type_name("FILE")->check(existing_file())->group(group);
  cmd.add_option(flag + "ca", options.ca_file, fmt::format("CA bundle that verifies {} (default: the system's)", what))
      ->type_name("FILE")->check(existing_file())->group(group);
  cmd.add_option(flag + "cert", options.cert_file, fmt::format("Client certificate for {} (PEM, mTLS)", what))
      ->type_name("FILE")->check(existing_file())->group(group);
  cmd.add_option(flag + "key", options.key_file, fmt::format("Client key for {} (PEM, mTLS)", what))
      ->type_name("FILE")->check(existing_file())->group(group);
  cmd.add_option(flag + "header", options.headers, "Extra request header 'Name: value' (repeatable)")
      ->type_name("HEADER")->group(group);
  cmd.add_flag(flag + "insecure", options.insecure, fmt::format("Do not verify the TLS certificate of {}", what))->group(group);
}

void add_prometheus_options(CLI::App& cmd, PrometheusCliOptions& options) {
  const char* group = "Prometheus flow metrics";
  cmd.add_option("--prometheus", options.urls,
                 "Read flow metrics (Hubble's port distribution, Retina's forward counts) from this "
                 "Prometheus-compatible server's HTTP API (repeatable)")
      ->type_name("URL")->group(group);
  cmd.add_option("--window", options.window, "Traffic of this long before now (or --until) for --prometheus (default 7d)")
      ->type_name("DURATION")->group(group);
  add_http_client_options(cmd, options.http, "prometheus", "--prometheus", group);
  cmd.add_option("--prometheus-timeout", options.http.idle_timeout, "Seconds one query may take (default 60)")
      ->check(CLI::PositiveNumber)->type_name("SECONDS")->group(group);
  cmd.add_option("--prometheus-retries", options.http.retries,
                 "Attempts after a failure that may pass (refused, timeout, 429, 5xx) before giving up (default 5)")
      ->check(CLI::Range(0, 1000))->group(group);
}

bool valid_header(const std::string& header) {
  const auto colon = header.find(':');
  return colon != std::string::npos && colon != 0 && header.find_first_of("\r\n") == std::string::npos;
}

std::optional<std::vector<PrometheusQuery>> prometheus_queries(const std::string& command,
                                                               const PrometheusCliOptions& options,
                                                               std::optional<std::int64_t> since,
                                                               std::optional<std::int64_t> until, std::ostream& err) {
  auto usage = [&](const std::string& message) {
    fmt::print(err, "netobs {}: {}\n", command, message);
    return std::nullopt;
  };
  const auto window = parse_duration(options.window);
  if (!window || *window <= 0) return usage(fmt::format("--window '{}': expected a duration such as 7d, 24h or 90m", options.window));
  for (const auto& header : options.http.headers) {
    if (!valid_header(header)) return usage("--prometheus-header: expected 'Name: value'");  // may be a secret
  }
  if (options.http.cert_file.empty() != options.http.key_file.empty()) {
    return usage("--prometheus-cert and --prometheus-key go together");
  }
  std::vector<PrometheusQuery> queries;
  for (const auto& url : options.urls) {
    if (!is_url_source(url)) return usage(fmt::format("--prometheus '{}': expected an http(s):// URL", display_url(url)));
    PrometheusQuery query;
    query.url = url;
    query.http = options.http;
    query.at = until.value_or(0);
    query.window = *window;
    // --since bounds the window from below as it bounds flow records.
    if (since) {
      const std::int64_t end = until.value_or(std::chrono::duration_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::now().time_since_epoch()).count());
      query.window = std::max<std::int64_t>(1, end - *since);
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

ExitCode exit_code_of(const Error& error) { return error.kind == ErrorKind::usage ? ExitCode::usage : ExitCode::input_error; }

void set_examples(CLI::App& cmd, const std::vector<std::string>& examples) {
  std::string footer = "\nExamples:";
  for (const auto& example : examples) footer += "\n  " + example;
  cmd.footer(footer);
}

void add_output_option(CLI::App& cmd, std::string& output) {
  cmd.add_option("--output,-o", output, "Write to FILE atomically instead of stdout (an interrupted run leaves FILE as it was)")
      ->type_name("FILE");
}

ExitCode write_result(const std::string& command, const std::string& text, const std::string& output,
                      std::ostream& out, std::ostream& err) {
  if (!output.empty()) {
    if (auto written = write_file_atomically(output, text); !written) {
      fmt::print(err, "netobs {}: {}\n", command, written.error().message);
      return ExitCode::input_error;
    }
    return ExitCode::ok;
  }
  out << text;
  out.flush();
  if (!out) {
    fmt::print(err, "netobs {}: cannot write to standard output\n", command);
    return ExitCode::input_error;
  }
  return ExitCode::ok;
}

ExitCode write_result(const std::string& command, const Result<std::string>& text, const std::string& output,
                      std::ostream& out, std::ostream& err) {
  if (!text) {
    fmt::print(err, "netobs {}: {}\n", command, text.error().message);
    return exit_code_of(text.error());
  }
  return write_result(command, *text, output, out, err);
}

CLI::Option* make_choice(CLI::Option* option, const std::vector<std::pair<std::string, int>>& names, int current) {
  std::vector<std::string> shown;
  std::string default_name;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const bool alias = std::any_of(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i),
                                   [&](const auto& earlier) { return earlier.second == names[i].second; });
    if (alias) continue;
    shown.push_back(names[i].first);
    if (names[i].second == current) default_name = names[i].first;
  }
  CLI::Validator by_name(
      [names](std::string& value) -> std::string {
        std::string lower = value;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        for (const auto& [name, number] : names) {
          if (name == lower) {
            value = std::to_string(number);  // CLI11 reads an enum from its number
            return {};
          }
        }
        std::vector<std::string> allowed;
        allowed.reserve(names.size());
        for (const auto& entry : names) allowed.push_back(entry.first);
        return fmt::format("'{}' is not one of {}", value, fmt::join(allowed, ", "));
      },
      "");
  return option->transform(by_name)->type_name(fmt::format("{}", fmt::join(shown, "|")))->default_str(default_name);
}

void add_ipblock_scope_option(CLI::App& cmd, IpBlockScope& scope) {
  add_choice(cmd, "--ipblock-scope", scope, Choices<IpBlockScope>{{"all", IpBlockScope::all}, {"external", IpBlockScope::external}},
             "Whether ipBlocks match pod addresses: all (as most CNIs) or external");
}

void one_value_per_use(CLI::App& cmd) {
  for (CLI::Option* option : cmd.get_options()) {
    if (option->get_items_expected_max() > 1 && !option->get_positional()) option->allow_extra_args(false);
  }
}

}  // namespace netobs::cli
