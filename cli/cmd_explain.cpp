// `netobs explain`: is one connection allowed, and which policy rule decides it.
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/explain.hpp>
#include <netobs/jobs.hpp>

#include "job_output.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {

ExitCode run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& err) {
  const auto port = parse_port_spec(options.port);
  if (!port) {
    fmt::print(err, "netobs explain: --port '{}': expected PORT or PORT/PROTOCOL (TCP, UDP, SCTP)\n", options.port);
    return ExitCode::usage;
  }
  if (!manifests_given("explain", options.paths, options.cluster, err)) return ExitCode::usage;
  ExplainJob job;
  job.state = manifest_state_options(options.paths, options.inventories, options.strict_input, options.cluster);
  job.namespaces.namespaces = options.namespaces;
  job.from = options.from;
  job.to = options.to;
  job.port = port->first;
  job.protocol = port->second;
  job.ipblock_scope = options.ipblock_scope;
  job.format = options.format == ExplainFormat::json ? ExplanationFormat::json : ExplanationFormat::text;
  JobWording wording;
  wording.quiet = options.quiet;
  return finish_job("explain", run_explain_job(job), options.output, out, err, wording);
}

void add_explain_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "Explain why one connection is allowed or denied (exit 1: denied)");
  set_examples(*cmd, {"netobs explain k8s/ --inventory cluster.json --from shop/web --to shop/db --port 5432/TCP",
                      "netobs explain --from-cluster --from shop/web --to 10.0.4.50 --port 5432"});
  cmd->add_option("paths", options->paths, "Manifest files or directories (YAML or JSON)")->type_name("PATH");
  cmd->add_option("--inventory", options->inventories, "Pods from 'kubectl get ... -A -o json' (repeatable)")
      ->type_name("FILE");
  cmd->add_option("--from", options->from, "Source: ns/workload, ns/pod or an IP address")->required();
  cmd->add_option("--to", options->to, "Destination: ns/workload, ns/pod or an IP address")->required();
  cmd->add_option("--port", options->port, "PORT or PORT/PROTOCOL, e.g. 53/UDP (default protocol TCP)")->required();
  add_format_option(*cmd, options->format,
                    {{FormatName::text, ExplainFormat::text}, {FormatName::json, ExplainFormat::json}}, "Output format",
                    options->output);
  add_ipblock_scope_option(*cmd, options->ipblock_scope);
  add_namespace_option(*cmd, options->namespaces);
  add_output_option(*cmd, options->output);
  add_quiet_option(*cmd, options->quiet);
  add_cluster_options(*cmd, options->cluster, ClusterFlag::explicit_flag);
  add_strict_input_option(*cmd, options->strict_input);
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code, cmd] {
    refuse_stdin_twice(*cmd);
    exit_code = run_explain(*options, std::cout, std::cerr);
  });
}

}  // namespace netobs::cli
