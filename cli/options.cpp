#include "options.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/clock.hpp>
#include <netobs/collect.hpp>
#include <netobs/inventory.hpp>
#include <netobs/kube.hpp>
#include <netobs/observe.hpp>
#include <netobs/output.hpp>
#include <netobs/terminal_text.hpp>
#include <netobs/time.hpp>

namespace netobs::cli {
namespace {

// How the command line names standard input, wherever a file is read.
constexpr std::string_view k_stdin_argument = "-";

}  // namespace

void add_quiet_option(CLI::App& cmd, bool& quiet) {
  cmd.add_flag("--quiet,-q", quiet, "No summary, progress or notes on stderr (errors, warnings and hints still)");
}

void add_strict_input_option(CLI::App& cmd, bool& strict_input) {
  cmd.add_flag("--strict-input", strict_input,
               "Stop (exit 3) at a file that does not parse, instead of reporting it and going on");
}

void add_namespace_option(CLI::App& cmd, std::vector<std::string>& namespaces) {
  cmd.add_option("--namespace,-n", namespaces, k_namespace_help)->type_name("NAMESPACE")->check(namespace_name());
}

bool manifests_given(const std::string& command, const std::vector<std::string>& paths, const ClusterOptions& cluster,
                     std::ostream& err) {
  if (!paths.empty() || cluster.from_cluster) return true;
  fmt::print(err,
             "netobs {0}: missing argument 'paths' (manifest files or directories, YAML or JSON), or --from-cluster\n"
             "Run 'netobs {0} --help' for the options.\n",
             command);
  return false;
}

void print_error(std::ostream& err, const std::string& command, const std::string& message) {
  fmt::print(err, "netobs {}: {}\n", command, message);
}

void add_time_window_options(CLI::App& cmd, std::string& since, std::string& until, std::string_view what,
                             const std::string& group) {
  const CLI::Validator given(
      [](std::string& text) -> std::string {
        return text.empty() ? "an empty time: give an RFC 3339 time (2026-11-28T10:00:00Z) or a duration (-24h)"
                            : std::string();
      },
      "", "time");
  cmd.add_option("--since", since, fmt::format("Only {} at or after this time (RFC 3339, or relative: -24h)", what))
      ->type_name("TIME")
      ->check(given)
      ->group(group);
  cmd.add_option("--until", until, fmt::format("Only {} at or before this time (RFC 3339, or relative: -1h)", what))
      ->type_name("TIME")
      ->check(given)
      ->group(group);
}

Loaded<TimeWindow> time_window(const std::string& command, const std::string& since, const std::string& until,
                               std::int64_t now, std::ostream& err) {
  TimeWindow window;
  for (auto [text, into, flag] :
       {std::tuple{&since, &window.since, "--since"}, std::tuple{&until, &window.until, "--until"}}) {
    if (text->empty()) continue;
    *into = parse_time_bound(*text, now);
    if (!*into) {
      print_error(
          err, command,
          fmt::format("{} '{}': expected an RFC 3339 time (2026-11-28T10:00:00Z) or a duration before now (-24h)", flag,
                      shown_argument(*text)));
      return tl::unexpected(ExitCode::usage);
    }
  }
  // An empty window would select nothing and read as "no traffic".
  if (window.since && window.until && *window.since > *window.until) {
    print_error(err, command, "--since is later than --until: the window selects nothing");
    return tl::unexpected(ExitCode::usage);
  }
  return window;
}

CLI::Validator namespace_name() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        // A Kubernetes namespace name is a DNS label (RFC 1123). Anything else names no namespace:
        // an empty -n would scope to nothing, and a newline in one would break every message.
        const bool valid =
            !text.empty() && text.size() <= 63 && std::isalnum(static_cast<unsigned char>(text.front())) &&
            std::isalnum(static_cast<unsigned char>(text.back())) && std::all_of(text.begin(), text.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            });
        if (valid) return {};
        return fmt::format("'{}' is not a namespace name (lowercase letters, digits and '-', at most 63 characters)",
                           shown_argument(text));
      },
      "", "namespace_name");
}

std::string shown_argument(std::string_view text) {
  std::string out;
  for (const char c : escape_control_characters(text)) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

void add_cluster_options(CLI::App& cmd, ClusterOptions& options, ClusterFlag flag) {
  if (flag == ClusterFlag::explicit_flag) {
    cmd.add_flag("--from-cluster", options.from_cluster,
                 "Read pods, namespaces, nodes and policies from the Kubernetes API server (kubeconfig as kubectl)");
  }
  cmd.add_option("--kubeconfig", options.kubeconfig,
                 "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, else in-cluster)")
      ->type_name("FILE");
  cmd.add_option("--context", options.context, "kubeconfig context (default: current-context)");
  cmd.add_option("--request-timeout", options.request_timeout, "Seconds per API request (1 to 3600, default 30)")
      ->check(number_in_range(1.0, 3600.0))
      ->type_name("SECONDS");
}

ClusterReadOptions cluster_read_options(const ClusterOptions& cluster) {
  ClusterReadOptions read;
  read.kubeconfig = cluster.kubeconfig;
  read.context = cluster.context;
  read.request_timeout = cluster.request_timeout;
  return read;
}

StateOptions cluster_state_options(const ClusterOptions& cluster) {
  StateOptions options;
  options.from_cluster = cluster.from_cluster;
  options.cluster = cluster_read_options(cluster);
  return options;
}

StateOptions manifest_state_options(const std::vector<std::string>& paths, const std::vector<std::string>& inventories,
                                    bool strict_input, const ClusterOptions& cluster) {
  StateOptions options = cluster_state_options(cluster);
  options.manifests = paths;
  options.inventories = inventories;
  options.input_errors = strict_input ? InputErrors::fail : InputErrors::report;
  return options;
}

Loaded<ClusterState> load_cluster_state(const std::string& command, const StateOptions& options, bool quiet,
                                        std::ostream& err, std::string_view left_out) {
  auto state = load_state(options);
  if (!state) {
    fmt::print(err, "netobs {}: {}\n", command, describe(state.error()));
    return tl::unexpected(exit_code_of(state.error()));
  }
  print_state_report(command, report_of(*state), left_out, quiet, err);
  return std::move(*state);
}

void add_http_client_options(CLI::App& cmd, AgentOptions& options, const std::string& prefix, const std::string& what,
                             const char* group) {
  const std::string flag = "--" + prefix + "-";
  cmd.add_option(flag + "token-file", options.token_file,
                 fmt::format("Bearer token for {}, read again for every connection", what))
      ->type_name("FILE")
      ->group(group);
  cmd.add_option(flag + "ca", options.ca_file, fmt::format("CA bundle that verifies {} (default: the system's)", what))
      ->type_name("FILE")
      ->group(group);
  cmd.add_option(flag + "cert", options.cert_file, fmt::format("Client certificate for {} (PEM, mTLS)", what))
      ->type_name("FILE")
      ->group(group);
  cmd.add_option(flag + "key", options.key_file, fmt::format("Client key for {} (PEM, mTLS)", what))
      ->type_name("FILE")
      ->group(group);
  cmd.add_option(flag + "header", options.headers, "Extra request header 'Name: value' (repeatable)")
      ->type_name("HEADER")
      ->group(group);
  cmd.add_flag(flag + "insecure", options.insecure, fmt::format("Do not verify the TLS certificate of {}", what))
      ->group(group);
}

void add_prometheus_options(CLI::App& cmd, PrometheusCliOptions& options) {
  const char* group = "Prometheus flow metrics";
  cmd.add_option("--prometheus", options.urls,
                 "Read flow metrics (Hubble's port distribution, Retina's forward counts) from this "
                 "Prometheus-compatible server's HTTP API (repeatable)")
      ->type_name("URL")
      ->group(group);
  cmd.add_option("--window", options.window,
                 "Traffic of this long before now (or --until) for --prometheus (default 7d)")
      ->type_name("DURATION")
      ->group(group);
  add_http_client_options(cmd, options.http, "prometheus", "--prometheus", group);
  cmd.add_option("--prometheus-timeout", options.http.idle_timeout, "Seconds one query may take (default 60)")
      ->check(positive_number())
      ->type_name("SECONDS")
      ->group(group);
  cmd.add_option(
         "--prometheus-retries", options.http.retries,
         "Attempts after a failure that may pass (refused, timeout, 429, 5xx) before giving up (0 to 1000, default 5)")
      ->check(number_in_range(0, 1000))
      ->type_name("N")
      ->group(group);
}

std::optional<std::string> unreadable_file(const AgentOptions& options) {
  for (const std::string* path : {&options.token_file, &options.ca_file, &options.cert_file, &options.key_file}) {
    if (path->empty()) continue;
    // Only whether it opens: a token file is read again for every connection.
    if (const std::ifstream file(*path); !file) return describe(cannot_read(*path, errno).value());
  }
  return std::nullopt;
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
  if (!window || *window <= 0)
    return usage(fmt::format("--window '{}': expected a duration such as 7d, 24h or 90m", options.window));
  for (const auto& header : options.http.headers) {
    if (!valid_header(header)) return usage("--prometheus-header: expected 'Name: value'");  // may be a secret
  }
  if (options.http.cert_file.empty() != options.http.key_file.empty()) {
    return usage("--prometheus-cert and --prometheus-key go together");
  }
  std::vector<PrometheusQuery> queries;
  for (const auto& url : options.urls) {
    if (!is_url_source(url))
      return usage(fmt::format("--prometheus '{}': expected an http(s):// URL", display_url(url)));
    PrometheusQuery query;
    query.url = url;
    query.http = options.http;
    query.at = until.value_or(0);
    query.window = *window;
    // --since bounds the window from below as it bounds flow records.
    if (since) {
      const std::int64_t end = until.value_or(now_seconds());
      query.window = std::max<std::int64_t>(1, end - *since);
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

ExitCode exit_code_of(const Error& error) {
  return error.kind == ErrorKind::usage ? ExitCode::usage : ExitCode::input_error;
}

void set_examples(CLI::App& cmd, const std::vector<std::string>& examples) {
  std::string footer = "\nExamples:";
  for (const auto& example : examples) footer += "\n  " + example;
  cmd.footer(footer);
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
  add_choice(cmd, "--ipblock-scope", scope,
             Choices<IpBlockScope>{{"all", IpBlockScope::all}, {"external", IpBlockScope::external}},
             "Whether ipBlocks match pod addresses: all (as most CNIs) or external");
}

void refuse_stdin_twice(const CLI::App& cmd) {
  std::vector<std::string> readers;
  for (const CLI::Option* option : cmd.get_options()) {
    const std::string type = option->get_type_name();
    const std::string name = option->get_name();
    const bool input = (type == "FILE" || type == "PATH") && name != "--output" && name != "--checkpoint";
    if (!input) continue;
    const auto& values = option->results();
    const auto given = std::count(values.begin(), values.end(), std::string(k_stdin_argument));
    const std::string reader = option->get_positional() ? fmt::format("the {} argument", name) : name;
    readers.insert(readers.end(), static_cast<std::size_t>(given), reader);
  }
  if (readers.size() < 2) return;
  throw CLI::ValidationError(
      readers[0] == readers[1]
          ? fmt::format("- (standard input) is given twice to {}: it can be read only once", readers[0])
          : fmt::format("- (standard input) is given to both {} and {}: it can be read only once", readers[0],
                        readers[1]));
}

void one_value_per_use(CLI::App& cmd) {
  for (CLI::Option* option : cmd.get_options()) {
    if (option->get_items_expected_max() > 1 && !option->get_positional()) {
      option->allow_extra_args(false);
      // Help would show "--flows PATH ...", as if one --flows took several paths: it takes one
      // per use, and "(repeatable)" in the description says the rest.
      if (option->get_type_size() != 0) option->option_text(option->get_type_name());
    }
  }
}

namespace {

std::optional<double> number_of(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

CLI::Validator positive_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto value = number_of(text);
        return value && *value > 0 ? std::string() : fmt::format("'{}' is not a number above 0", shown_argument(text));
      },
      "", "positive");
}

CLI::Validator number_in_range(double low, double high) {
  return CLI::Validator(
      [low, high](std::string& text) -> std::string {
        const auto value = number_of(text);
        return value && *value >= low && *value <= high
                   ? std::string()
                   : fmt::format("'{}' is not a number from {} to {}", shown_argument(text), low, high);
      },
      "", "range");
}

}  // namespace netobs::cli
