#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>

#include <netobs/edge_check.hpp>
#include <netobs/lint.hpp>

#include "lint/context.hpp"
#include "util/document.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint {
namespace {

// The inventory's model keeps no positions (it is read for addresses and owners), so lint reads
// its file once more for them: a finding about a namespace or a pod then points at that object,
// not at the file's first line. An inventory that is no file (the cluster) has no lines: its pods
// get line 0, and their findings name the workload instead.
void locate_inventory_objects(ManifestSet& set, const std::string& path) {
  std::error_code ec;
  if (path.empty()) return;
  // Standard input was kept when the state read it: read again, it has the same lines.
  const std::string origin = input_name(path);
  if (path != k_stdin_path && !std::filesystem::is_regular_file(path, ec)) {
    for (auto* list : {&set.pods, &set.finished_pods}) {
      for (auto& pod : *list) {
        if (pod.location.file == origin) pod.location.line = 0;
      }
    }
    return;
  }
  auto files = read_manifest_files({path});
  if (!files) return;
  std::map<std::pair<std::string, std::string>, SourceLocation> pods;
  for (const auto& object : files->objects) {
    const nlohmann::json& metadata = k8s::field(object.value(), "metadata");
    const SourceLocation at = object.document->location(object.pointer);
    if (object.kind == "Namespace") set.namespace_locations.try_emplace(k8s::string_at(metadata, "name"), at);
    if (object.kind == "Pod") pods.try_emplace({k8s::namespace_of(metadata), k8s::string_at(metadata, "name")}, at);
  }
  for (auto* list : {&set.pods, &set.finished_pods}) {
    for (auto& pod : *list) {
      auto it = pods.find({pod.namespace_name, pod.name});
      if (pod.location.file == origin && it != pods.end()) pod.location = it->second;
    }
  }
}

// A finding without an object (a file that did not parse) may be about any namespace: it stays.
bool finding_reported(const Diagnostic& d, const ReportScope& scope) {
  if (scope.everything() || d.object.empty()) return true;
  const std::string& namespace_name = d.object.kind == "Namespace" ? d.object.name : d.object.namespace_name;
  return scope.includes(namespace_name) ||
         std::any_of(d.involves.begin(), d.involves.end(), [&](const auto& ns) { return scope.includes(ns); });
}

}  // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::size_t Report::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.severity == severity; }));
}

const nlohmann::json* PolicyInput::at(const std::string& pointer) const {
  const nlohmann::json::json_pointer p(pointer);
  const nlohmann::json& root = value();
  return root.contains(p) ? &root.at(p) : nullptr;
}

Result<Report> run_lint(const LintInput& input, const std::vector<const Rule*>& rules) {
  auto files = read_manifest_files(input.paths, input.texts, input.input_errors);
  if (!files) return tl::unexpected(files.error());
  std::vector<const ManifestObject*> objects;
  ManifestSet set = build_manifest_set(*files, &objects);
  if (input.inventory) {
    add_inventory(set, *input.inventory, input_name(input.inventory_origin));
    locate_inventory_objects(set, input.inventory_origin);
  }
  const PolicyEngine engine(set, IpBlockScope::all);
  LintContext context;
  for (std::size_t i = 0; i < objects.size(); ++i) context.policies.push_back({objects[i], &set.policies[i]});
  for (const auto& object : files->objects) context.objects.push_back(&object);
  context.set = &set;
  context.engine = &engine;
  context.pods_known = !set.pods.empty() || !set.finished_pods.empty();
  context.inventory_given = input.inventory != nullptr;
  context.flows = input.flows;

  Report report;
  report.policies = static_cast<std::size_t>(std::count_if(
      set.policies.begin(), set.policies.end(), [&](const auto& p) { return input.scope.includes(p.namespace_name); }));
  // Cluster-scoped policies may select pods of any namespace: they count in every scope.
  report.policies += set.tiered.size();
  report.policies += static_cast<std::size_t>(std::count_if(set.cilium.begin(), set.cilium.end(), [&](const auto& p) {
    return p.namespace_name.empty() || input.scope.includes(p.namespace_name);
  }));
  report.policies_read = set.policies.size() + set.tiered.size() + set.cilium.size();
  report.scoped = !input.scope.everything();
  report.namespaces = namespaces_of(set);
  report.notes = set.notes;
  // Cluster-scoped kinds (no namespace) may select pods of any namespace: they stay.
  std::copy_if(
      set.unanalysed.begin(), set.unanalysed.end(), std::back_inserter(report.unanalysed),
      [&](const UnanalysedPolicy& p) { return p.namespace_name.empty() || input.scope.includes(p.namespace_name); });
  report.unparsable = set.problems.size();
  if (input.flows) {
    report.flow_edges_evaluated = static_cast<std::size_t>(
        std::count_if(input.flows->edges.begin(), input.flows->edges.end(),
                      [&](const auto& entry) { return check_edge(engine, entry.first).evaluated; }));
  }
  for (const Rule* rule : rules) {
    for (Diagnostic& d : rule->check(context)) {
      if (!finding_reported(d, input.scope)) continue;
      d.rule = rule->id;
      d.severity = d.severity_override.value_or(rule->severity);
      report.diagnostics.push_back(std::move(d));
    }
  }
  // A finding is its place (file, line, column, and the object and field: objects the API server
  // listed share their "file", several on one line of minified JSON their line), rule and message.
  // Only the same finding twice (two rules' walks over one field) is merged.
  auto key = [](const Diagnostic& d) {
    return std::tie(d.location.file, d.location.line, d.column, d.object, d.field, d.rule, d.message);
  };
  std::sort(report.diagnostics.begin(), report.diagnostics.end(),
            [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  report.diagnostics.erase(std::unique(report.diagnostics.begin(), report.diagnostics.end(),
                                       [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
                           report.diagnostics.end());
  return report;
}

}  // namespace netobs::lint
