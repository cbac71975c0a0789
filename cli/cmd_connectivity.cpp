// `netobs connectivity`: every connection the policies allow between workloads and external
// address ranges.
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/jobs.hpp>

#include "job_output.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {

ExitCode run_connectivity(const ConnectivityOptions& options, std::ostream& out, std::ostream& err) {
  if (!manifests_given("connectivity", options.paths, options.cluster, err)) return ExitCode::usage;
  ConnectivityJob job;
  job.state = manifest_state_options(options.paths, options.inventories, options.strict_input, options.cluster);
  job.namespaces.namespaces = options.namespaces;
  job.ipblock_scope = options.ipblock_scope;
  job.nodes = options.nodes ? NodeRows::yes : NodeRows::no;
  job.format = options.format;
  JobWording wording;
  wording.quiet = options.quiet;
  wording.no_workloads = fmt::format(
      "nothing to analyse: {} holds no workload (pods or their controllers); give the pods with --inventory ('{}') "
      "or manifests that hold them",
      options.paths.empty() ? std::string("the cluster") : input_names(options.paths), k_inventory_command);
  return finish_job("connectivity", run_connectivity_job(job), options.output, out, err, wording);
}

void add_connectivity_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<ConnectivityOptions>();
  CLI::App* cmd =
      app.add_subcommand("connectivity", "List every connection the policies allow (every kind the engine reads)");
  set_examples(*cmd, {"netobs connectivity k8s/ --inventory cluster.json",
                      "netobs connectivity --from-cluster -n shop --format md -o connectivity.md"});
  cmd->add_option("paths", options->paths, "Manifest files or directories (YAML or JSON)")->type_name("PATH");
  cmd->add_option("--inventory", options->inventories, "Pods from 'kubectl get ... -A -o json' (repeatable)")
      ->type_name("FILE");
  add_format_option(*cmd, options->format,
                    {{FormatName::text, ConnectivityFormat::txt},
                     {FormatName::json, ConnectivityFormat::json},
                     {FormatName::csv, ConnectivityFormat::csv},
                     {FormatName::markdown, ConnectivityFormat::md},
                     {FormatName::dot, ConnectivityFormat::dot}},
                    "Output format", options->output);
  add_ipblock_scope_option(*cmd, options->ipblock_scope);
  add_output_option(*cmd, options->output);
  add_quiet_option(*cmd, options->quiet);
  add_namespace_option(*cmd, options->namespaces);
  add_cluster_options(*cmd, options->cluster, ClusterFlag::explicit_flag);
  add_strict_input_option(*cmd, options->strict_input);
  cmd->add_flag("--nodes", options->nodes,
                "Also list the nodes (inventory nodes, pods' hosts) as name[Node]; np-guard's format has none");
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code, cmd] {
    refuse_stdin_twice(*cmd);
    exit_code = run_connectivity(*options, std::cout, std::cerr);
  });
}

}  // namespace netobs::cli
