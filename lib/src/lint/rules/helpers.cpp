#include "lint/rules/helpers.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include <fmt/format.h>

#include <netobs/option.hpp>

namespace netobs::lint {

std::string type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "a map";
    case json::value_t::array:
      return "a list";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_float:
      return "a decimal number";
    default:
      return "a number";
  }
}

void for_each_rule(const PolicyInput& input,
                   const std::function<void(PolicyType, const json&, const std::string&)>& visit) {
  for (const auto& [key, type] : {std::pair{"ingress", PolicyType::ingress}, std::pair{"egress", PolicyType::egress}}) {
    const json* rules = input.at(std::string("/spec/") + key);
    if (!rules || !rules->is_array()) continue;
    for (std::size_t i = 0; i < rules->size(); ++i) {
      if ((*rules)[i].is_object()) visit(type, (*rules)[i], std::string("/spec/") + key + "/" + std::to_string(i));
    }
  }
}

void for_each_peer(const PolicyInput& input,
                   const std::function<void(PolicyType, const json&, const std::string&)>& visit) {
  for_each_rule(input, [&](PolicyType type, const json& rule, const std::string& pointer) {
    const char* key = type == PolicyType::ingress ? "from" : "to";
    if (!rule.contains(key) || !rule[key].is_array()) return;
    for (std::size_t i = 0; i < rule[key].size(); ++i)
      visit(type, rule[key][i], pointer + "/" + key + "/" + std::to_string(i));
  });
}

void for_each_port(const PolicyInput& input,
                   const std::function<void(PolicyType, const json&, const std::string&)>& visit) {
  for_each_rule(input, [&](PolicyType type, const json& rule, const std::string& pointer) {
    if (!rule.contains("ports") || !rule["ports"].is_array()) return;
    for (std::size_t i = 0; i < rule["ports"].size(); ++i)
      visit(type, rule["ports"][i], pointer + "/ports/" + std::to_string(i));
  });
}

void for_each_parsed_rule(const PolicyInput& input,
                          const std::function<void(PolicyType, const PolicyRule&, const std::string&)>& visit) {
  for (PolicyType type : {PolicyType::ingress, PolicyType::egress}) {
    const auto& rules = type == PolicyType::ingress ? input.policy->ingress : input.policy->egress;
    for (std::size_t r = 0; r < rules.size(); ++r) {
      visit(type, rules[r],
            std::string(type == PolicyType::ingress ? "/spec/ingress/" : "/spec/egress/") + std::to_string(r));
    }
  }
}

bool is_dns1123_label(const std::string& text) {
  static const std::regex k_label("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  return text.size() <= 63 && std::regex_match(text, k_label);
}

bool is_port_name(const std::string& text) {
  static const std::regex k_name("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  return text.size() <= 15 && std::regex_match(text, k_name) && text.find("--") == std::string::npos &&
         std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::vector<std::string> workloads_where(const ManifestSet& set,
                                         const std::function<bool(const ClusterPod&)>& matches) {
  std::set<std::string> names;
  for (const auto& pod : set.pods) {
    if (matches(pod)) names.insert(workload_name(pod.owner));
  }
  return {names.begin(), names.end()};
}

std::string selects_no_pod(const LintContext& ctx, const std::string& where) {
  return ctx.inventory_given ? "selects no known pod" + where : "selects no pod" + where + " in the given manifests";
}

bool any_known_pod(const LintContext& ctx, const std::function<bool(const ClusterPod&)>& matches) {
  return std::any_of(ctx.set->pods.begin(), ctx.set->pods.end(), matches) ||
         std::any_of(ctx.set->finished_pods.begin(), ctx.set->finished_pods.end(), matches);
}

void lower_without_inventory(const LintContext& ctx, Diagnostic& diagnostic) {
  if (ctx.inventory_given) return;
  diagnostic.severity_override = Severity::info;
  diagnostic.message += fmt::format(" (pods created by an operator have no manifest: give {} or {} to be sure)",
                                    spell(Option::inventory), spell(Option::from_cluster));
}

ClusterPod newcomer_pod(const std::string& namespace_name) {
  ClusterPod pod;
  pod.namespace_name = namespace_name;
  pod.name = "netobs-new-workload";
  pod.labels = {{"netobs.io/new-workload", "true"}};
  return pod;
}

ConnectionSet side_toward_stranger(const LintContext& ctx, const ClusterPod& pod, PolicyType type) {
  const ClusterPod stranger = newcomer_pod("netobs-new-namespace");
  return ctx.engine->side(type, Endpoint::of(pod), Endpoint::of(stranger));
}

void add_problems(Diagnostics& out, const std::vector<PolicyProblem>& problems, const ObjectRef& object) {
  for (const auto& problem : problems) {
    Diagnostic d;
    d.message = problem.message;
    d.location = problem.location;
    d.column = std::max<std::size_t>(problem.location.column, 1);
    d.object = object;
    out.push_back(std::move(d));
  }
}

}  // namespace netobs::lint
