// `netobs lint`: check NetworkPolicy manifests for what the API server rejects, for likely
// mistakes, and (with --flows) for observed connections they would block. The CI step.
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/jobs.hpp>

#include "flow_input.hpp"
#include "job_output.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {

ExitCode run_lint(const LintOptions& options, std::ostream& out, std::ostream& err) {
  if (options.list_rules) {
    if (options.format != LintOutput::text && options.format != LintOutput::markdown) {
      fmt::print(err, "netobs lint: --list-rules is written as text or markdown (--format md, or -o FILE.md)\n");
      return ExitCode::usage;
    }
    const std::string text =
        options.format == LintOutput::markdown ? lint::render_rules_markdown() : lint::render_rules_text();
    return write_result("lint", text, options.output, out, err);
  }
  if (!manifests_given("lint", options.paths, options.cluster, err)) return ExitCode::usage;
  if (options.format == LintOutput::markdown) {
    fmt::print(err,
               "netobs lint: markdown (--format md, or -o FILE.md) is the format of --list-rules; findings are "
               "written as text, json, sarif or github\n");
    return ExitCode::usage;
  }
  LintJob job;
  job.state = manifest_state_options(options.paths, options.inventories, options.strict_input, options.cluster);
  job.namespaces.namespaces = options.namespaces;
  // lint reads the manifests itself, keeping each object's position for its findings.
  job.state.views = StateViews::inventory_only;
  job.state.flow_sources = options.flows.sources;
  job.state.sources_format = options.flows.input_format;
  auto flows = flow_evidence("lint", options.flows, err);
  if (!flows) return flows.error();
  job.flows = std::move(*flows);
  job.format = options.format == LintOutput::json     ? lint::Format::json
               : options.format == LintOutput::sarif  ? lint::Format::sarif
               : options.format == LintOutput::github ? lint::Format::github
                                                      : lint::Format::text;
  job.fail_on = options.fail_on == FailOn::warning ? lint::Severity::warning : lint::Severity::error;
  JobWording wording;
  wording.quiet = options.quiet;
  return finish_job("lint", run_lint_job(job), options.output, out, err, wording);
}

void add_lint_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* cmd = app.add_subcommand(
      "lint", "Check policy manifests of every kind the engine reads (exit 1: findings at or above --fail-on)");
  set_examples(*cmd, {"netobs lint k8s/ --flows flows/ --inventory cluster.json --format sarif -o lint.sarif",
                      "netobs lint --list-rules --format markdown"});
  cmd->add_option("paths", options->paths, "Manifest files or directories (YAML or JSON)")->type_name("PATH");
  cmd->add_option("--inventory", options->inventories, "Pods from 'kubectl get ... -A -o json' (repeatable)")
      ->type_name("FILE");
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
  cmd->add_flag("--list-rules", options->list_rules,
                "Print the rules (text, or --format markdown) instead of checking");
  add_output_option(*cmd, options->output);
  add_quiet_option(*cmd, options->quiet);
  add_namespace_option(*cmd, options->namespaces);
  add_cluster_options(*cmd, options->cluster, ClusterFlag::explicit_flag);
  add_strict_input_option(*cmd, options->strict_input);
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code, cmd] {
    refuse_stdin_twice(*cmd);
    exit_code = run_lint(*options, std::cout, std::cerr);
  });
}

}  // namespace netobs::cli
