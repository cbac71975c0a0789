// Pieces every subcommand shares: loading manifests (plus inventories), writing the result to
// stdout or atomically to --output, and one-value-per-use repeatable options.
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
#include <netobs/kube.hpp>
#include <netobs/manifest.hpp>

#include "commands.hpp"

namespace netobs::cli {

// What the error printed for a file that did not parse says happens to it, by default.
inline constexpr std::string_view k_left_out = "left out; --strict-input stops here instead";

// Manifests from `paths` plus the pods of each inventory; prints "netobs <command>: <error>"
// and returns nullopt on failure.
// Files that do not parse are printed as errors ("file:line: message; hint (left_out)") and kept
// in the set's problems, unless `errors` is InputErrors::fail (--strict-input).
std::optional<ManifestSet> load_inputs(const std::string& command, const std::vector<std::string>& paths,
                                       const std::vector<std::string>& inventories, std::ostream& err,
                                       InputErrors errors = InputErrors::report,
                                       std::string_view left_out = k_left_out);

// `unanalysed`: policies of kinds the analysis does not evaluate, read from `what` ("policies.yaml")
// beside `analysed` NetworkPolicies. With none beside them the result would describe policies
// nobody wrote: each is printed as an error and the answer is ExitCode::input_error. Beside
// NetworkPolicies, each is a warning (the result leaves it out) and the answer is ExitCode::ok.
ExitCode check_policy_kinds(const std::string& command, const std::string& what,
                            const std::vector<UnanalysedPolicy>& unanalysed, std::size_t analysed, std::ostream& err);
// The same for a state.
inline ExitCode check_policy_kinds(const std::string& command, const std::string& what, const ManifestSet& set,
                                   std::ostream& err) {
  return check_policy_kinds(command, what, set.unanalysed, set.policies.size(), err);
}

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

// What --kubeconfig, --context and --request-timeout say, for reading `namespaces` (empty: all).
ClusterReadOptions cluster_read_options(const ClusterOptions& cluster, const std::vector<std::string>& namespaces);

// Reads the cluster's objects; prints "netobs <command>: <error>" and returns the exit code on failure.
Loaded<ClusterSnapshot> read_cluster_snapshot(const std::string& command, const ClusterOptions& cluster,
                                                     const std::vector<std::string>& namespaces, std::ostream& err);

// Reads the cluster when `cluster.from_cluster`: its objects are added to `inventory` (for flow
// attribution) and returned as manifests (pods, namespaces, nodes and NetworkPolicies). Prints
// "netobs <command>: <error>" and returns the exit code on failure; notes go to `err`.
Loaded<ManifestSet> load_cluster(const std::string& command, const ClusterOptions& cluster,
                                        const std::vector<std::string>& namespaces, Inventory& inventory,
                                        std::ostream& err);

// The manifests of a snapshot read from the cluster: its pods (owners resolved), namespaces,
// nodes and NetworkPolicies.
Loaded<ManifestSet> cluster_manifests(const std::string& command, const ClusterSnapshot& snapshot, std::ostream& err);

// A state to analyse: manifests from `paths`, plus the pods of each inventory (also loaded into
// `inventory`), plus the cluster when `cluster.from_cluster`.
Loaded<ManifestSet> load_state(const std::string& command, const std::vector<std::string>& paths,
                               const std::vector<std::string>& inventories, const ClusterOptions& cluster,
                               const std::vector<std::string>& namespaces, Inventory& inventory, std::ostream& err,
                               InputErrors errors = InputErrors::report, std::string_view left_out = k_left_out);

// Flows were given but no observed edge could be judged (`why`): an input error, since a clean
// result would be an all-clear that checked nothing.
inline constexpr std::string_view k_edges_unjudged =
    "is between workloads the policies' state knows (attribute the flows with --inventory, or read the cluster)";
ExitCode nothing_checked(const std::string& command, std::size_t edges, std::string_view why, std::ostream& err);

// "no usable flow record in N source(s): read R records, M malformed", for the commands that stop there.
std::string no_usable_records(const IngestSummary& summary, std::size_t sources);

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
// True for a request header "Name: value" on one line.
bool valid_header(const std::string& header);

// The exit code for a library error: usage errors are 2, everything else 3.
ExitCode exit_code_of(const Error& error);

// Ends `cmd`'s help (and man page) with these command lines under "Examples:".
void set_examples(CLI::App& cmd, const std::vector<std::string>& examples);

// CLI::ExistingFile without its own "FILE" label, which help would print after the type name.
inline CLI::Validator existing_file() { return CLI::ExistingFile.description(""); }

// Writes `text` to `output` atomically, or to `out` when `output` is empty.
ExitCode write_result(const std::string& command, const std::string& text, const std::string& output,
                      std::ostream& out, std::ostream& err);
// The same for text a library job may have failed to make: its error is printed instead.
ExitCode write_result(const std::string& command, const Result<std::string>& text, const std::string& output,
                      std::ostream& out, std::ostream& err);

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
CLI::Option* add_choice(CLI::App& cmd, const std::string& flags, T& into, const Choices<T>& names, const std::string& help) {
  std::vector<std::pair<std::string, int>> numbered;
  numbered.reserve(names.size());
  for (const auto& [name, value] : names) numbered.emplace_back(name, static_cast<int>(value));
  return make_choice(cmd.add_option(flags, into, help), numbered, static_cast<int>(into));
}

// --ipblock-scope all|external, as connectivity, explain and diff take it.
void add_ipblock_scope_option(CLI::App& cmd, IpBlockScope& scope);

// Makes each repeatable option of `cmd` take one value per use, so `--inventory a.json dir/`
// leaves dir/ a positional argument.
void one_value_per_use(CLI::App& cmd);

}  // namespace netobs::cli
