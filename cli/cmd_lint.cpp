// `netobs lint`: check NetworkPolicy manifests for what the API server rejects, for likely
// mistakes, and (with --flows) for observed connections they would block. The CI step.
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/lint.hpp>

#include "common.hpp"
#include "output_format.hpp"
#include "terminal.hpp"
#include "flow_input.hpp"

namespace netobs::cli {

ExitCode run_lint(const LintOptions& options, std::ostream& out, std::ostream& err) {
  if (options.list_rules) {
    const std::string text = options.format == LintOutput::markdown ? lint::render_rules_markdown() : lint::render_rules_text();
    return write_result("lint", text, options.output, out, err);
  }
  if (options.paths.empty() && !options.cluster.from_cluster) {
    fmt::print(err, "netobs lint: give the manifest files or directories to check, or --from-cluster\n");
    return ExitCode::usage;
  }
  if (options.format == LintOutput::markdown) {
    fmt::print(err, "netobs lint: --format markdown goes with --list-rules\n");
    return ExitCode::usage;
  }
  const auto inventories =
      inventories_or_lists_among("lint", options.inventories, options.flows, options.cluster.from_cluster, err);
  if (!inventories) return inventories.error();
  Inventory inventory;
  for (const auto& path : *inventories) {
    if (auto loaded = inventory.load_file(path); !loaded) {
      fmt::print(err, "netobs lint: {}\n", loaded.error().message);
      return ExitCode::input_error;
    }
  }
  lint::LintInput input;
  input.paths = options.paths;
  input.input_errors = options.strict_input ? InputErrors::fail : InputErrors::report;
  if (!inventories->empty()) {
    input.inventory = &inventory;
    input.inventory_origin = inventories->front();
  }
  if (options.cluster.from_cluster) {
    auto snapshot = read_cluster_snapshot("lint", options.cluster, options.namespaces, err);
    if (!snapshot) return snapshot.error();
    if (auto loaded = inventory.load_text(snapshot->list, snapshot->origin); !loaded) {
      fmt::print(err, "netobs lint: {}\n", loaded.error().message);
      return ExitCode::input_error;
    }
    input.inventory = &inventory;
    if (input.inventory_origin.empty()) input.inventory_origin = snapshot->origin;
    // The cluster's policies are checked with the files' (a file's copy of a policy wins); its
    // pods come in through the inventory.
    input.texts.emplace_back(snapshot->origin, snapshot->policies);
  }
  Graph graph;
  if (options.flows.given()) {
    auto observed = observe_flows("lint", options.flows, *inventories, inventory, options.quiet, err);
    if (!observed) return observed.error();
    graph = std::move(*observed);
    input.flows = &graph;
  }
  auto report = lint::run_lint(input);
  if (!report) {
    fmt::print(err, "netobs lint: {}\n", report.error().message);
    return ExitCode::input_error;
  }
  for (const auto& note : report->notes) fmt::print(err, "netobs lint: note: {}\n", note);
  const std::string checked =
      options.paths.empty() ? std::string("the cluster") : fmt::format("{}", fmt::join(options.paths, ", "));
  if (const ExitCode kinds = check_policy_kinds("lint", checked, report->unanalysed, report->policies, err);
      kinds != ExitCode::ok) {
    return kinds;
  }
  // No rule checked a policy: a clean report would pass a CI step that checked nothing. Files that
  // did not parse are findings of their own.
  if (report->policies == 0 && report->unparsable == 0) {
    fmt::print(err, "netobs lint: nothing to check in {}: no {}\n", checked, k_analysed_policy_api);
    return ExitCode::input_error;
  }
  if (report->flow_edges_evaluated == std::size_t{0} && !graph.edges.empty()) {
    return nothing_checked("lint", graph.edges.size(), k_edges_unjudged, err);
  }
  const lint::Format format = options.format == LintOutput::json    ? lint::Format::json
                              : options.format == LintOutput::sarif  ? lint::Format::sarif
                              : options.format == LintOutput::github ? lint::Format::github
                                                                     : lint::Format::text;
  if (const ExitCode written = write_result("lint", lint::render(*report, format), options.output, out, err);
      written != ExitCode::ok) {
    return written;
  }
  const std::size_t failing = report->count(lint::Severity::error) +
                              (options.fail_on == FailOn::warning ? report->count(lint::Severity::warning) : 0);
  return failing > 0 ? ExitCode::findings : ExitCode::ok;
}

void add_lint_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* cmd = app.add_subcommand("lint", "Check NetworkPolicy manifests (exit 1: findings at or above --fail-on)");
  set_examples(*cmd, {"netobs lint k8s/ --flows flows/ --inventory cluster.json --format sarif -o lint.sarif",
                      "netobs lint --list-rules --format markdown"});
  cmd->add_option("paths", options->paths, "Manifest files or directories (YAML or JSON)")->type_name("PATH");
  cmd->add_option("--inventory", options->inventories, "Pods from 'kubectl get ... -A -o json' (repeatable)")->type_name("FILE");
  add_flow_input_options(*cmd, options->flows, SourcesArgument::flows_option);
  add_format_option(*cmd, options->format,
                    {{FormatName::text, LintOutput::text},
                     {FormatName::json, LintOutput::json},
                     {FormatName::sarif, LintOutput::sarif},
                     {FormatName::github, LintOutput::github},
                     {FormatName::markdown, LintOutput::markdown}},
                    "Output format (md: with --list-rules)", options->output);
  add_choice(*cmd, "--fail-on", options->fail_on,
             Choices<FailOn>{{"error", FailOn::error}, {"warning", FailOn::warning}},
             "Lowest severity that makes the exit code 1");
  cmd->add_flag("--list-rules", options->list_rules, "Print the rules (text, or --format markdown) instead of checking");
  add_output_option(*cmd, options->output);
  add_quiet_option(*cmd, options->quiet);
  cmd->add_option("--namespace,-n", options->namespaces, "With --from-cluster: read only these namespaces (repeatable)");
  add_cluster_options(*cmd, options->cluster, ClusterFlag::explicit_flag);
  add_strict_input_option(*cmd, options->strict_input);
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code] {
    CommandErr err(std::cerr, options->quiet);
    exit_code = run_lint(*options, std::cout, err.stream());
  });
}

}  // namespace netobs::cli
