// `netobs graph`: the observed service-dependency graph, for review, with what given policies (or
// the cluster's) do to each edge.
#include <iostream>
#include <set>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/graph_view.hpp>
#include <netobs/recommend.hpp>
#include <netobs/render.hpp>

#include "flow_input.hpp"
#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {
namespace {

// --policies, with a default deny in each namespace they apply to (what applying them with a
// default deny would do); nullopt without --policies. Read before the flows, so a wrong file
// fails before a long collection; the pods are added once the inventory is known.
Loaded<std::optional<ManifestSet>> read_policies(const GraphOptions& options, std::ostream& err) {
  if (options.policies.empty()) return std::optional<ManifestSet>();
  StateOptions state_options;
  state_options.manifests = options.policies;
  state_options.input_errors = InputErrors::fail;
  auto state = load_cluster_state("graph", state_options, options.flows.quiet, err);
  if (!state) return tl::unexpected(state.error());
  ManifestSet* set = &state->manifests;
  if (set->policies.empty()) {
    // Nothing to overlay, and no namespace to assume a default deny in: surely the wrong files.
    fmt::print(err, "netobs graph: --policies: no NetworkPolicy in {}\n", fmt::join(options.policies, ", "));
    return tl::unexpected(ExitCode::input_error);
  }
  std::set<std::string> covered;
  for (const auto& policy : set->policies) covered.insert(policy.namespace_name);
  for (const auto& ns : covered) set->policies.push_back(default_deny_policy(ns));
  return std::optional<ManifestSet>(std::move(*set));
}

}  // namespace

ExitCode run_graph(const GraphOptions& options, std::ostream& out, std::ostream& err) {
  auto policies = read_policies(options, err);
  if (!policies) return policies.error();
  // Without --policies, the overlay is the policies the cluster enforces as they are.
  const bool cluster_overlay = !*policies && options.flows.cluster.from_cluster;
  auto observation = observe_sources(
      "graph", options.flows, cluster_overlay ? StateViews::inventory_and_manifests : StateViews::inventory_only, err);
  if (!observation) return observation.error();
  const Observed& observed = observation->observed;
  print_collection_end("graph", observed.summary, options.flows.quiet, "drawing what was collected", err);
  // The overlay: --policies over the observed pods, else with --from-cluster the cluster's.
  std::optional<ManifestSet> overlay = std::move(*policies);
  if (overlay) {
    add_inventory(*overlay, observation->state.inventory, "inventory");
  } else if (cluster_overlay) {
    overlay = std::move(observation->state.manifests);
  }
  std::optional<PolicyEngine> engine;
  if (overlay) engine.emplace(*overlay, IpBlockScope::all);
  const GraphView view = make_graph_view(observed.graph, {options.namespaces, engine ? &*engine : nullptr});
  for (const auto& note : view.notes) print_note(err, "graph", note, options.flows.quiet);
  if (!options.flows.quiet) {
    std::size_t blocked = 0;
    for (const auto& edge : view.edges) blocked += edge.state == EdgeState::blocked ? 1 : 0;
    fmt::print(err, "netobs graph: {} ends, {} edges from {} records{}\n{}", view.nodes.size(), view.edges.size(),
               observed.summary.records_used, engine ? fmt::format(", {} blocked by the policies", blocked) : "",
               render_unused_records(observed.summary));
  }
  auto text = render_graph(view, options.format);
  return collection_exit_code(observed.summary, write_result("graph", text, options.output, out, err));
}

void add_graph_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* cmd = app.add_subcommand("graph", "Draw the service-dependency graph of the observed flows");
  set_examples(
      *cmd,
      {"netobs graph flows/ --inventory cluster.json --format svg -o graph.svg",
       "netobs graph flows/ --inventory cluster.json --policies policies.yaml -n shop --format html -o review.html"});
  add_flow_source_options(*cmd, options->flows);
  cmd->add_option("--namespace,-n", options->namespaces,
                  "Only edges with a workload of this namespace at one end; their peers stay (repeatable)");
  cmd->add_option("--policies", options->policies,
                  "Colour each edge by what these NetworkPolicies do to it, with a default deny in each namespace "
                  "they cover (repeatable; files or directories); with --from-cluster and none given: the cluster's")
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
