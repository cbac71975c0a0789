// `netobs diff`: what applying the proposed policies changes against the live state (the cluster,
// or --live manifests): policy objects, connectivity, and the observed flows that would break.
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/jobs.hpp>

#include "flow_input.hpp"
#include "job_output.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {

ExitCode run_diff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  if (options.strict_input && options.skip_unparsable) {
    fmt::print(err, "netobs diff: --strict-input and --skip-unparsable contradict each other\n");
    return ExitCode::usage;
  }
  DiffJob job;
  job.proposal.manifests = options.proposed;
  job.proposal.input_errors = options.strict_input ? InputErrors::fail : InputErrors::report;
  ClusterOptions cluster = options.cluster;
  cluster.from_cluster = options.live.empty();  // the live state is the cluster unless --live names it
  job.live = manifest_state_options(options.live, options.inventories, options.strict_input, cluster);
  job.namespaces.namespaces = options.namespaces;
  job.live.flow_sources = options.flows.sources;
  job.live.sources_format = options.flows.input_format;
  auto flows = flow_evidence("diff", options.flows, err);
  if (!flows) return flows.error();
  job.flows = std::move(*flows);
  job.diff.ipblock_scope = options.ipblock_scope;
  job.diff.scope = options.prune ? DiffScope::everything : DiffScope::proposal_namespaces;
  job.format = options.format;
  job.skip_unparsable = options.skip_unparsable;
  JobWording wording;
  wording.quiet = options.quiet;
  wording.no_cluster_config =
      "for an offline diff, give the live state as manifests: --live FILE|DIR (and --inventory for its pods)";
  wording.left_out = options.skip_unparsable ? "left out of the comparison: --skip-unparsable"
                                             : "diff stops; --skip-unparsable compares the rest";
  wording.no_workloads = fmt::format(
      "the connectivity could not be evaluated: neither {} nor {} holds a workload (pods or their controllers); give "
      "the pods with --inventory ('{}') or manifests that hold them",
      options.live.empty() ? std::string("the cluster") : "the live state " + input_names(options.live),
      input_names(options.proposed), k_inventory_command);
  return finish_job("diff", run_diff_job(job), options.output, out, err, wording);
}

void add_diff_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* cmd = app.add_subcommand("diff",
                                     "Show what applying policies changes: objects, connectivity, observed flows that "
                                     "would break (exit 1: differences)");
  set_examples(*cmd, {"netobs diff policies.yaml --flows flows/",
                      "netobs diff policies.yaml --live k8s/ --inventory cluster.json --format json"});
  cmd->add_option("proposed", options->proposed, "Proposed policy manifests: files or directories (YAML or JSON)")
      ->type_name("PATH")
      ->required();
  cmd->add_option("--live", options->live,
                  "The current state as manifests (policies and workloads) instead of the cluster (repeatable)")
      ->type_name("PATH");
  cmd->add_option("--inventory", options->inventories,
                  "Pods of the live state from 'kubectl get ... -A -o json' (repeatable)")
      ->type_name("FILE");
  add_flow_input_options(*cmd, options->flows, SourcesArgument::flows_option);
  add_namespace_option(*cmd, options->namespaces);
  add_format_option(*cmd, options->format,
                    {{FormatName::text, DiffFormat::txt},
                     {FormatName::json, DiffFormat::json},
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
  cmd->callback([options, &exit_code, cmd] {
    refuse_stdin_twice(*cmd);
    exit_code = run_diff(*options, std::cout, std::cerr);
  });
}

}  // namespace netobs::cli
