// `netobs graph`: the observed service-dependency graph, for review, with what given policies (or
// the cluster's) do to each edge.
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/jobs.hpp>
#include <netobs/plural.hpp>
#include <netobs/render.hpp>

#include "collection_terminal.hpp"
#include "flow_input.hpp"
#include "job_output.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {

ExitCode run_graph(const GraphOptions& options, std::ostream& out, std::ostream& err) {
  auto flows = flow_collection("graph", options.flows, err);
  if (!flows) return flows.error();
  GraphJob job;
  job.flows = std::move(*flows);
  job.namespaces = options.namespaces;
  job.policies = options.policies;
  job.format = options.format;
  JobWording wording;
  wording.quiet = options.flows.quiet;
  wording.no_policies = fmt::format("--policies: no policy netobs evaluates in {}", fmt::join(options.policies, ", "));
  CollectionTerminal terminal("graph", wording, err);
  job.front_end = terminal.front_end();
  const GraphResult result = run_graph_job(job);
  terminal.end();
  print_job_notes("graph", result.job, wording, err);
  if (!result.observed) return exit_code_of(result.job.exit);
  const IngestSummary& summary = result.observed->summary;
  print_collection_end("graph", summary, options.flows.quiet, "drawing what was collected", err);
  for (const auto& note : result.view.notes) print_note(err, "graph", note, options.flows.quiet);
  if (!options.flows.quiet || summary.records_used == 0) {
    fmt::print(err, "netobs graph: {}, {} from {}{}\n{}", counted(result.view.nodes.size(), "end", "ends"),
               counted(result.view.edges.size(), "edge", "edges"), counted(summary.records_used, "record", "records"),
               result.overlaid ? fmt::format(", {} blocked by the policies", result.blocked) : "",
               render_unused_records(summary));
  }
  if (result.failure) {
    fmt::print(err, "netobs graph: {}\n", *result.failure);
    return exit_code_of(result.job.exit);
  }
  return write_job_output("graph", result.job, options.output, out, err);
}

void add_graph_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* cmd = app.add_subcommand("graph", "Draw the service-dependency graph of the observed flows");
  set_examples(
      *cmd,
      {"netobs graph flows/ --inventory cluster.json --format svg -o graph.svg",
       "netobs graph flows/ --inventory cluster.json --policies policies.yaml -n shop --format html -o review.html"});
  add_flow_source_options(*cmd, options->flows);
  add_namespace_option(*cmd, options->namespaces);
  cmd->add_option("--policies", options->policies,
                  "Colour each edge by what these policies (any kind the engine reads) do to it, with a default "
                  "deny in each namespace their namespaced policies cover (repeatable; files or directories); with "
                  "--from-cluster and none given: the cluster's")
      ->type_name("PATH");
  add_format_option(*cmd, options->format,
                    {{FormatName::dot, GraphFormat::dot},
                     {FormatName::mermaid, GraphFormat::mermaid},
                     {FormatName::json, GraphFormat::json},
                     {FormatName::svg, GraphFormat::svg},
                     {FormatName::html, GraphFormat::html}},
                    "Output format (svg and html need Graphviz's dot)", options->output);
  add_output_option(*cmd, options->output);
  add_quiet_option(*cmd, options->flows.quiet);
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code, cmd] {
    refuse_stdin_twice(*cmd);
    exit_code = run_graph(*options, std::cout, std::cerr);
  });
}

}  // namespace netobs::cli
