// Option plumbing the subcommands share: cluster and Prometheus options, enumerated choices,
// one-value-per-use repeatable options, and mapping them into what the library takes.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include <netobs/engine.hpp>
#include <netobs/graph.hpp>
#include <netobs/inventory.hpp>
#include <netobs/job.hpp>
#include <netobs/kube.hpp>
#include <netobs/manifest.hpp>
#include <netobs/state.hpp>

#include "commands.hpp"
#include "job_output.hpp"

namespace netobs::cli {

// Adds -q/--quiet to `cmd`: no summary, progress or notes on stderr; errors, warnings and hints
// are always printed.
void add_quiet_option(CLI::App& cmd, bool& quiet);

// Adds --strict-input to `cmd`.
void add_strict_input_option(CLI::App& cmd, bool& strict_input);

// A value, or the exit code of why there is none (the message is printed already).
template <typename T>
using Loaded = tl::expected<T, ExitCode>;

// Whether a command has a --from-cluster flag, or reads the cluster whenever no offline state is
// given (diff without --live).
enum class ClusterFlag { explicit_flag, implicit };

// --kubeconfig, --context, --request-timeout (and --from-cluster when explicit).
void add_cluster_options(CLI::App& cmd, ClusterOptions& options, ClusterFlag flag);

// What --kubeconfig, --context and --request-timeout say. Every namespace is read, whatever -n
// reports on: what is allowed to and from a namespace depends on the others' pods and policies.
ClusterReadOptions cluster_read_options(const ClusterOptions& cluster);

// What the cluster options say, for a state read (the cluster when `cluster.from_cluster`).
StateOptions cluster_state_options(const ClusterOptions& cluster);

// The state of an analysis command: manifests from `paths`, the pods of each inventory, the
// cluster (every namespace of it) when `cluster.from_cluster`.
StateOptions manifest_state_options(const std::vector<std::string>& paths, const std::vector<std::string>& inventories,
                                    bool strict_input, const ClusterOptions& cluster);

// What -n/--namespace means in every command (report_scope.hpp), in its help and man page.
inline constexpr const char* k_namespace_help =
    "Report only what involves this namespace (repeatable); every namespace is still read, since what is "
    "allowed to and from it depends on the others";

// Adds -n/--namespace NAMESPACE to `cmd`, as every command reads it.
void add_namespace_option(CLI::App& cmd, std::vector<std::string>& namespaces);

// Numeric checks that say what is wanted: CLI11's own print their bounds as doubles ("Value 0 not
// in range 0.000000 to 179769313486231570...").
CLI::Validator positive_number();
// The manifests of an analysis command (its `paths`) or --from-cluster: without either, prints
// the usage error a missing argument gets (as parse errors word it) and returns false.
bool manifests_given(const std::string& command, const std::vector<std::string>& paths, const ClusterOptions& cluster,
                     std::ostream& err);

// "netobs <command>: <message>", an error of an option's value.
void print_error(std::ostream& err, const std::string& command, const std::string& message);

// --since and --until, which select `what` ("flows") by time, in `group` of the help. An empty
// value is a usage error (it would read as not given).
void add_time_window_options(CLI::App& cmd, std::string& since, std::string& until, std::string_view what,
                             const std::string& group);

// --since and --until as Unix seconds (relative times count back from `now`).
struct TimeWindow {
  std::optional<std::int64_t> since;
  std::optional<std::int64_t> until;
};

// Reads --since and --until (empty: not given); prints "netobs <command>: <error>" and returns
// ExitCode::usage for a time that does not parse or a window that ends before it starts.
Loaded<TimeWindow> time_window(const std::string& command, const std::string& since, const std::string& until,
                               std::int64_t now, std::ostream& err);

// A Kubernetes namespace name (an RFC 1123 label): -n, --exclude-namespace.
CLI::Validator namespace_name();
// An argument as a message shows it: control characters, newline and tab included, escaped.
std::string shown_argument(std::string_view text);
CLI::Validator number_in_range(double low, double high);

// Loads the state (state.hpp). Prints "netobs <command>: <error>" and returns the exit code on
// failure; else prints what the loading noted: the Kubernetes Lists read as the inventory, the
// manifest files' notes, the files that did not parse ("file:line: message; hint (left_out)";
// kept in the set's problems unless InputErrors::fail), and the cluster read's notes and warnings
// (the notes not with -q: `quiet`).
Loaded<ClusterState> load_cluster_state(const std::string& command, const StateOptions& options, bool quiet,
                                        std::ostream& err, std::string_view left_out = k_left_out);

// --PREFIX-token-file, -ca, -cert, -key, -header, -insecure: how requests to `what` (agent URLs,
// --prometheus) authenticate and verify TLS.
void add_http_client_options(CLI::App& cmd, AgentOptions& options, const std::string& prefix, const std::string& what,
                             const char* group);
// --prometheus URL, --window and the --prometheus-* connection options.
void add_prometheus_options(CLI::App& cmd, PrometheusCliOptions& options);
// The queries --prometheus asks for, over --window or [since, until] when given. Prints a usage
// error naming the option and returns nullopt when an option is wrong.
std::optional<std::vector<PrometheusQuery>> prometheus_queries(const std::string& command,
                                                               const PrometheusCliOptions& options,
                                                               std::optional<std::int64_t> since,
                                                               std::optional<std::int64_t> until, std::ostream& err);
// The first file of `options` (token, CA, certificate, key) that cannot be opened, as netobs names
// an unreadable input ("PATH: cannot read: REASON"); nullopt when each opens or none is given.
std::optional<std::string> unreadable_file(const AgentOptions& options);
// True for a request header "Name: value" on one line.
bool valid_header(const std::string& header);

// The exit code for a library error: usage errors are 2, everything else 3.
ExitCode exit_code_of(const Error& error);

// Ends `cmd`'s help (and man page) with these command lines under "Examples:".
void set_examples(CLI::App& cmd, const std::vector<std::string>& examples);

// The names of an enumerated option's values, first the one help shows for each value, then
// aliases (`txt` for `text`).
template <typename T>
using Choices = std::vector<std::pair<std::string, T>>;

// Makes `option` enumerated: CLI11 transforms a value's name (any case) into the number of the
// enum it is bound to, so an unknown name is a usage error listing the allowed ones. Help shows
// "name|name=default" with the first name of each value.
CLI::Option* make_choice(CLI::Option* option, const std::vector<std::pair<std::string, int>>& names, int current);

// Adds an enumerated option parsed into `into`.
template <typename T>
CLI::Option* add_choice(CLI::App& cmd, const std::string& flags, T& into, const Choices<T>& names,
                        const std::string& help) {
  std::vector<std::pair<std::string, int>> numbered;
  numbered.reserve(names.size());
  for (const auto& [name, value] : names) numbered.emplace_back(name, static_cast<int>(value));
  return make_choice(cmd.add_option(flags, into, help), numbered, static_cast<int>(into));
}

// --ipblock-scope all|external, as connectivity, explain and diff take it.
void add_ipblock_scope_option(CLI::App& cmd, IpBlockScope& scope);

// Standard input is read once: when two of `cmd`'s inputs (its arguments and the options that
// read a FILE or PATH; not --output or --checkpoint, which it writes) are "-", throws a usage
// error (CLI::ValidationError) naming both. For a command's callback, before it runs.
void refuse_stdin_twice(const CLI::App& cmd);

// Makes each repeatable option of `cmd` take one value per use, so `--inventory a.json dir/`
// leaves dir/ a positional argument.
void one_value_per_use(CLI::App& cmd);

}  // namespace netobs::cli
