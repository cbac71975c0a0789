// Shared pieces of the lint rules: walking the raw policy (rules, peers, ports, selectors) with
// their JSON pointers, and the Kubernetes name and label syntax checks.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "lint/context.hpp"
#include "util/k8s_names.hpp"

namespace netobs::lint {

using nlohmann::json;
using Diagnostics = std::vector<Diagnostic>;

// "a string", "a number", "null", ... for messages about wrong types.
std::string type_name(const json& value);

// Calls `visit(direction, rule, pointer)` for each object-valued rule of spec.ingress / spec.egress.
void for_each_rule(const PolicyInput& input,
                   const std::function<void(PolicyType, const json&, const std::string&)>& visit);
// Calls `visit(direction, peer, pointer)` for each element of each rule's from/to list.
void for_each_peer(const PolicyInput& input,
                   const std::function<void(PolicyType, const json&, const std::string&)>& visit);
// Calls `visit(direction, port, pointer)` for each element of each rule's ports list.
void for_each_port(const PolicyInput& input,
                   const std::function<void(PolicyType, const json&, const std::string&)>& visit);

// Calls `visit(direction, rule, pointer)` for each parsed rule of the policy, with the JSON pointer
// of the raw rule ("/spec/egress/2").
void for_each_parsed_rule(const PolicyInput& input,
                          const std::function<void(PolicyType, const PolicyRule&, const std::string&)>& visit);

// Kubernetes syntax (apimachinery validation).
// The located problems a parser recorded for one policy object, as findings about it.
// What `type` of `pod` allows to (or from) a pod of a namespace no policy names: all when no
// policy of any kind restricts that direction of it, nothing under a default deny.
ConnectionSet side_toward_stranger(const LintContext& ctx, const ClusterPod& pod, PolicyType type);
// A pod of `namespace_name` with labels no policy names: a workload created there tomorrow.
ClusterPod newcomer_pod(const std::string& namespace_name);

void add_problems(Diagnostics& out, const std::vector<PolicyProblem>& problems, const ObjectRef& object);

bool is_dns1123_label(const std::string& text);  // metadata.namespace
bool is_port_name(const std::string& text);      // IANA_SVC_NAME

// "selects no known pod{where}" with an inventory or the cluster, else "selects no pod{where} in
// the given manifests" (an operator may create pods no manifest describes).
std::string selects_no_pod(const LintContext& ctx, const std::string& where = "");
// Lowers a "selects nothing" finding to info when only manifests say which pods exist.
void lower_without_inventory(const LintContext& ctx, Diagnostic& diagnostic);

// True when `matches` accepts a pod of a workload that exists: a running pod, or the finished pod
// of a Job or CronJob between runs (what a policy written for it selects).
bool any_known_pod(const LintContext& ctx, const std::function<bool(const ClusterPod&)>& matches);

// The workloads ("ns/name[Kind]") whose pods `matches` accepts, sorted.
std::vector<std::string> workloads_where(const ManifestSet& set, const std::function<bool(const ClusterPod&)>& matches);

}  // namespace netobs::lint
