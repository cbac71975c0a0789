#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include <netobs/manifest.hpp>

#include "manifest/cilium_parse.hpp"
#include "manifest/documents.hpp"
#include "manifest/policy_parse.hpp"
#include "manifest/tiered_parse.hpp"
#include "util/k8s_json.hpp"

namespace netobs {
namespace {

using nlohmann::json;

using k8s::field;
using k8s::namespace_of;

// The pod template of a workload kind, or null for other kinds.
const json* pod_template(const std::string& kind, const json& spec) {
  if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "ReplicaSet" ||
      kind == "ReplicationController" || kind == "Job") {
    return &field(spec, "template");
  }
  if (kind == "CronJob") return &field(field(field(spec, "jobTemplate"), "spec"), "template");
  return nullptr;
}

ClusterPod pod_from_object(const ManifestObject& object) {
  ClusterPod pod;
  static_cast<Pod&>(pod) = k8s::parse_pod(object.value());
  pod.location = object.document->location(object.pointer);
  return pod;
}

WorkloadRef workload_of(const ManifestObject& object) {
  const json& metadata = field(object.value(), "metadata");
  return {namespace_of(metadata), object.kind, k8s::string_at(metadata, "name")};
}

// The pod a workload object stands for, named as its root owner.
ClusterPod pod_from_workload(const ManifestObject& object, const json& templ, const OwnerChains& owners) {
  ClusterPod pod;
  pod.controller = workload_of(object);
  pod.namespace_name = pod.controller.namespace_name;
  pod.name = pod.controller.name;
  pod.labels = k8s::labels_at(field(field(templ, "metadata"), "labels"));
  pod.ports = k8s::container_ports(field(templ, "spec"));
  pod.host_network = field(field(templ, "spec"), "hostNetwork") == true;
  pod.owner = owners.root_of(pod.controller);
  pod.location = object.document->location(object.pointer);
  return pod;
}

// How a List that holds pods and their owners (`kubectl get pods,deployments,replicasets,...`)
// counts each workload once, as the inventory does: owner chains (Pod -> ReplicaSet -> Deployment,
// Pod -> Job -> CronJob) resolve to the root owner, and a workload object stands for pods only
// when the files list none of its own, through the object nearest its root (a Deployment's
// template, not an old ReplicaSet's).
struct Owners {
  OwnerChains chains{OwnerChains::Deployments::recorded_only};
  std::set<WorkloadRef> with_pods;                          // roots the files list pods of
  std::map<WorkloadRef, const ManifestObject*> stands_for;  // root -> the workload object that stands for its pods
};

Owners resolve_owners(const ManifestFiles& files) {
  Owners owners;
  for (const auto& object : files.objects) {
    if (!is_workload_kind(object.kind)) continue;
    std::optional<WorkloadRef> controller;
    if (auto owner = k8s::controller_of(field(object.value(), "metadata"))) {
      controller = WorkloadRef{namespace_of(field(object.value(), "metadata")), owner->first, owner->second};
    }
    owners.chains.add(workload_of(object), controller);
  }
  for (const auto& object : files.objects) {
    if (object.kind == "Pod") {
      const Pod pod = k8s::parse_pod(object.value());
      owners.with_pods.insert(owners.chains.root_of(pod.controller, pod.labels));
    } else if (is_workload_kind(object.kind)) {
      const WorkloadRef self = workload_of(object);
      const WorkloadRef root = owners.chains.root_of(self);
      auto [it, inserted] = owners.stands_for.try_emplace(root, &object);
      if (!inserted && self == root) it->second = &object;
    }
  }
  return owners;
}

// True for a network policy kind other than the NetworkPolicy the engine evaluates. A
// NetworkPolicy of another API group (Calico's projectcalico.org, Antrea's crd.antrea.io) is
// another kind with another meaning; one of a wrong Kubernetes version stays a NetworkPolicy, for
// lint to report its apiVersion.
bool is_application_policy_kind(const std::string& kind, const json& value) {
  return kind == k_application_policy_kind && k8s::string_at(value, "apiVersion") == k_application_policy_api;
}

bool unanalysed_policy_kind(const std::string& kind, const json& value) {
  if (!kind.ends_with("NetworkPolicy")) return false;
  if (is_application_policy_kind(kind, value)) return false;
  if (is_tiered_policy_kind(k8s::string_at(value, "apiVersion"), kind)) return false;
  if (is_cilium_policy_kind(k8s::string_at(value, "apiVersion"), kind)) return false;
  if (kind != "NetworkPolicy") return true;
  const std::string api_version = k8s::string_at(value, "apiVersion");
  const auto slash = api_version.find('/');
  const std::string group = slash == std::string::npos ? "" : api_version.substr(0, slash);
  return group.find('.') != std::string::npos && group != "networking.k8s.io";
}

UnanalysedPolicy unanalysed_policy(const ManifestObject& object) {
  const json& value = object.value();
  const json& metadata = field(value, "metadata");
  return UnanalysedPolicy{object.document->location(object.pointer), k8s::string_at(value, "apiVersion"), object.kind,
                          k8s::string_at(metadata, "namespace"), k8s::string_at(metadata, "name")};
}

}  // namespace

std::string describe(const UnanalysedPolicy& policy) {
  const std::string name = policy.namespace_name.empty() ? policy.name : policy.namespace_name + "/" + policy.name;
  return fmt::format("{} {}{}", policy.kind, name.empty() ? "(no name)" : name,
                     policy.api_version.empty() ? "" : " (" + policy.api_version + ")");
}

Labels ManifestSet::namespace_labels(const std::string& name) const {
  Labels labels;
  if (auto it = namespaces.find(name); it != namespaces.end()) labels = it->second;
  labels["kubernetes.io/metadata.name"] = name;
  return labels;
}

Result<ManifestSet> load_manifests(const std::vector<std::string>& paths, InputErrors errors) {
  auto files = read_manifest_files(paths, {}, errors);
  if (!files) return tl::unexpected(files.error());
  return build_manifest_set(*files);
}

Result<ManifestSet> load_manifest_text(const std::string& text, const std::string& origin) {
  auto files = read_manifest_text(text, origin);
  if (!files) return tl::unexpected(files.error());
  return build_manifest_set(*files);
}

void merge_manifests(ManifestSet& into, ManifestSet&& from) {
  std::set<std::tuple<std::string, std::string, std::string>> have;
  for (const auto& policy : into.policies) have.emplace(policy.kind, policy.namespace_name, policy.name);
  for (auto& policy : from.policies) {
    if (!have.contains({policy.kind, policy.namespace_name, policy.name})) into.policies.push_back(std::move(policy));
  }
  std::set<std::pair<std::string, std::string>> tiered;
  for (const auto& policy : into.tiered) tiered.emplace(policy.resource(), policy.name);
  for (auto& policy : from.tiered) {
    if (!tiered.contains({policy.resource(), policy.name})) into.tiered.push_back(std::move(policy));
  }
  std::set<std::tuple<std::string, std::string, std::string>> cilium;
  for (const auto& policy : into.cilium) cilium.emplace(policy.kind, policy.namespace_name, policy.name);
  for (auto& policy : from.cilium) {
    if (!cilium.contains({policy.kind, policy.namespace_name, policy.name})) into.cilium.push_back(std::move(policy));
  }
  std::set<std::pair<std::string, std::string>> pods;
  for (const auto& pod : into.pods) pods.emplace(pod.namespace_name, pod.name);
  for (auto& pod : from.pods) {
    if (!pods.contains({pod.namespace_name, pod.name})) into.pods.push_back(std::move(pod));
  }
  for (auto& pod : from.finished_pods) into.finished_pods.push_back(std::move(pod));
  for (auto& [name, labels] : from.namespaces) into.namespaces[name].insert(labels.begin(), labels.end());
  for (auto& [name, location] : from.namespace_locations)
    into.namespace_locations.try_emplace(name, std::move(location));
  for (auto& note : from.notes) into.notes.push_back(std::move(note));
  for (auto& problem : from.problems) into.problems.push_back(std::move(problem));
  for (auto& policy : from.unanalysed) into.unanalysed.push_back(std::move(policy));
  for (auto& [node, addresses] : from.node_addresses) into.node_addresses[node] = std::move(addresses);
  for (auto& [node, labels] : from.node_labels) into.node_labels[node] = std::move(labels);
}

ManifestSet build_manifest_set(const ManifestFiles& files, std::vector<const ManifestObject*>* policy_objects) {
  const Owners owners = resolve_owners(files);
  ManifestSet set;
  set.notes = files.notes;
  set.problems = files.problems;
  for (const auto& object : files.objects) {
    const json& value = object.value();
    const std::string& kind = object.kind;
    const json& metadata = field(value, "metadata");
    if (unanalysed_policy_kind(kind, value)) {
      set.unanalysed.push_back(unanalysed_policy(object));
    } else if (is_tiered_policy_kind(k8s::string_at(value, "apiVersion"), kind)) {
      set.tiered.push_back(parse_tiered_policy(object));
    } else if (is_cilium_policy_kind(k8s::string_at(value, "apiVersion"), kind)) {
      for (auto& policy : parse_cilium_policy(object)) set.cilium.push_back(std::move(policy));
    } else if (kind == "NetworkPolicy" || is_application_policy_kind(kind, value)) {
      set.policies.push_back(parse_policy(object));
      if (policy_objects) policy_objects->push_back(&object);
    } else if (kind == "Namespace") {
      set.namespaces[k8s::string_at(metadata, "name")] = k8s::labels_at(field(metadata, "labels"));
      set.namespace_locations.try_emplace(k8s::string_at(metadata, "name"), object.document->location(object.pointer));
    } else if (kind == "Pod") {
      // Whatever its phase, as np-guard counts the pods of manifests (a finished Job's too).
      ClusterPod pod = pod_from_object(object);
      pod.owner = owners.chains.root_of(pod.controller, pod.labels);
      set.pods.push_back(std::move(pod));
    } else if (const json* templ = pod_template(kind, field(value, "spec"))) {
      ClusterPod pod = pod_from_workload(object, *templ, owners.chains);
      auto chosen = owners.stands_for.find(pod.owner);
      const bool stands =
          !owners.with_pods.contains(pod.owner) && chosen != owners.stands_for.end() && chosen->second == &object;
      if (stands) set.pods.push_back(std::move(pod));
    } else if (kind != "Service") {
      const SourceLocation at = object.document->location(object.pointer);
      set.notes.push_back(
          fmt::format("{}:{}: skipped: kind {} is not used by policy analysis", at.file, at.line, kind));
    }
  }
  for (const auto& pod : set.pods) set.namespaces.try_emplace(pod.namespace_name);
  for (const auto& policy : set.policies) set.namespaces.try_emplace(policy.namespace_name);
  for (const auto& policy : set.cilium) {
    if (!policy.namespace_name.empty()) set.namespaces.try_emplace(policy.namespace_name);
  }
  check_tiered_set(set.tiered);
  return set;
}

void add_inventory(ManifestSet& set, const Inventory& inventory, const std::string& origin) {
  for (const auto& [name, labels] : inventory.namespaces()) {
    auto& mine = set.namespaces[name];
    mine.insert(labels.begin(), labels.end());
  }
  for (const auto& pod : inventory.pods()) {
    const bool batch = pod.owner.kind == "Job" || pod.owner.kind == "CronJob";
    if (pod.terminated && !batch) continue;
    ClusterPod cluster_pod;
    static_cast<Pod&>(cluster_pod) = pod;
    cluster_pod.location = SourceLocation{origin, origin.empty() ? 0U : 1U};
    (pod.terminated ? set.finished_pods : set.pods).push_back(std::move(cluster_pod));
  }
  for (const auto& node : inventory.nodes()) {
    set.node_addresses[node.name] = node.addresses;
    set.node_labels[node.name] = node.labels;
  }
}

}  // namespace netobs
