// `netobs diff`: what applying the proposed policies changes against the live state (the cluster,
// or --live manifests): policy objects, connectivity, and the observed flows that would break.
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/diff.hpp>

#include "common.hpp"
#include "output_format.hpp"
#include "terminal.hpp"
#include "flow_input.hpp"

namespace netobs::cli {

namespace {

// A diff that silently compared less than it was given would call a change "no change", so a
// file that does not parse ends the run (as in `kubectl diff`) once every such file is listed,
// unless --skip-unparsable asks to compare the rest.
ExitCode check_unparsable(const DiffOptions& options, const ManifestSet& proposal, const ManifestSet& live,
                          std::ostream& err) {
  const std::size_t problems = proposal.problems.size() + live.problems.size();
  if (problems == 0) return ExitCode::ok;
  if (!options.skip_unparsable) {
    fmt::print(err,
               "netobs diff: {} file(s) did not parse: nothing was compared (--skip-unparsable compares the rest)\n",
               problems);
    return ExitCode::input_error;
  }
  fmt::print(err, "netobs diff: warning: {} file(s) did not parse and are left out: this diff does not cover them\n",
             problems);
  return ExitCode::ok;
}

// What a diff with nothing to compare on one side is: an input error, never "no change".
ExitCode check_analysed(const DiffOptions& options, const ManifestSet& proposal, const ManifestSet& live,
                        std::ostream& err) {
  const std::string proposed_paths = fmt::format("{}", fmt::join(options.proposed, ", "));
  for (const auto& [what, set] : {std::pair{"the proposal " + proposed_paths, &proposal},
                                  std::pair{fmt::format("the live state {}", fmt::join(options.live, ", ")), &live}}) {
    if (const ExitCode kinds = check_policy_kinds("diff", what, *set, err); kinds != ExitCode::ok) return kinds;
  }
  // Without --prune an empty proposal replaces nothing; with it, it removes every live policy.
  if (proposal.policies.empty() && proposal.pods.empty() && !options.prune) {
    fmt::print(err, "netobs diff: nothing to compare: {} holds no {} (and no workloads)\n", proposed_paths,
               k_analysed_policy_api);
    return ExitCode::input_error;
  }
  // Policies select pods: with none on either side every connectivity would be empty on both,
  // which would read as "no change" for a comparison that never ran.
  if (live.pods.empty() && proposal.pods.empty()) {
    fmt::print(err,
               "netobs diff: the connectivity could not be evaluated: neither {} nor {} holds a workload (pods or "
               "their controllers); give the pods with --inventory ('{}') or manifests that hold them\n",
               options.live.empty() ? std::string("the cluster")
                                    : fmt::format("the live state {}", fmt::join(options.live, ", ")),
               proposed_paths, k_inventory_command);
    return ExitCode::input_error;
  }
  return ExitCode::ok;
}

}  // namespace

ExitCode run_diff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  if (options.strict_input && options.skip_unparsable) {
    fmt::print(err, "netobs diff: --strict-input and --skip-unparsable contradict each other\n");
    return ExitCode::usage;
  }
  const InputErrors input_errors = options.strict_input ? InputErrors::fail : InputErrors::report;
  const std::string_view left_out = options.skip_unparsable ? "left out of the comparison: --skip-unparsable"
                                                            : "diff stops; --skip-unparsable compares the rest";
  auto proposal = load_inputs("diff", options.proposed, {}, err, input_errors, left_out);
  if (!proposal) return ExitCode::input_error;
  ClusterOptions cluster = options.cluster;
  cluster.from_cluster = options.live.empty();
  cluster.without_cluster =
      "for an offline diff, give the live state as manifests: --live FILE|DIR (and --inventory for its pods)";
  const auto inventories =
      inventories_or_lists_among("diff", options.inventories, options.flows, cluster.from_cluster, err);
  if (!inventories) return inventories.error();
  Inventory inventory;
  auto live = load_state("diff", options.live, *inventories, cluster, options.namespaces, inventory, err,
                         input_errors, left_out);
  if (!live) return live.error();
  for (auto check : {&check_unparsable, &check_analysed}) {
    if (const ExitCode checked = check(options, *proposal, *live, err); checked != ExitCode::ok) return checked;
  }

  Graph graph;
  if (options.flows.given()) {
    auto observed = observe_flows("diff", options.flows, *inventories, inventory, options.quiet, err);
    if (!observed) return observed.error();
    graph = std::move(*observed);
  }
  netobs::DiffOptions diff_options;
  diff_options.ipblock_scope = options.ipblock_scope;
  diff_options.scope = options.prune ? DiffScope::everything : DiffScope::proposal_namespaces;
  const PolicyDiff diff = diff_policies(*live, *proposal, diff_options, options.flows.given() ? &graph : nullptr);
  for (const auto& note : diff.notes) fmt::print(err, "netobs diff: note: {}\n", note);
  if (diff.flows && diff.flows->judged == 0 && !graph.edges.empty()) {
    return nothing_checked("diff", graph.edges.size(), k_edges_unjudged, err);
  }
  if (const ExitCode written = write_result("diff", render_diff(diff, options.format), options.output, out, err);
      written != ExitCode::ok) {
    return written;
  }
  return diff.has_differences() ? ExitCode::findings : ExitCode::ok;
}

void add_diff_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "Show what applying policies changes: objects, connectivity, observed flows that would break (exit 1: differences)");
  set_examples(*cmd, {"netobs diff policies.yaml --flows flows/",
                      "netobs diff policies.yaml --live k8s/ --inventory cluster.json --format json"});
  cmd->add_option("proposed", options->proposed, "Proposed policy manifests: files or directories (YAML or JSON)")->type_name("PATH")
      ->required();
  cmd->add_option("--live", options->live,
                  "The current state as manifests (policies and workloads) instead of the cluster (repeatable)")->type_name("PATH");
  cmd->add_option("--inventory", options->inventories, "Pods of the live state from 'kubectl get ... -A -o json' (repeatable)")->type_name("FILE");
  add_flow_input_options(*cmd, options->flows, SourcesArgument::flows_option);
  cmd->add_option("--namespace,-n", options->namespaces, "Read only these namespaces from the cluster (repeatable)");
  add_format_option(*cmd, options->format,
                    {{FormatName::text, DiffFormat::txt}, {FormatName::json, DiffFormat::json},
                     {FormatName::markdown, DiffFormat::md}},
                    "Output format", options->output);
  add_ipblock_scope_option(*cmd, options->ipblock_scope);
  cmd->add_flag("--prune", options->prune,
                "The proposal is every policy of the cluster: live policies it lacks are removed, in every namespace");
  add_output_option(*cmd, options->output);
  add_quiet_option(*cmd, options->quiet);
  add_cluster_options(*cmd, options->cluster, ClusterFlag::implicit);
  cmd->add_flag("--strict-input", options->strict_input,
                "Stop (exit 3) at the first file that does not parse, instead of listing every such file first");
  cmd->add_flag(
      "--skip-unparsable", options->skip_unparsable,
      "Compare what parsed when a file does not (the default stops, exit 3): the diff then misses those files");
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code] {
    CommandErr err(std::cerr, options->quiet);
    exit_code = run_diff(*options, std::cout, err.stream());
  });
}

}  // namespace netobs::cli
