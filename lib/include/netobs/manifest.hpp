// Kubernetes manifests read for policy analysis: NetworkPolicies, namespaces, and the pods that
// Pod and workload manifests (or a recommend inventory) stand for, each with its source location.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <netobs/cilium_policy.hpp>
#include <netobs/error.hpp>
#include <netobs/inventory.hpp>
#include <netobs/labels.hpp>
#include <netobs/pod.hpp>
#include <netobs/policy.hpp>
#include <netobs/tiered_policy.hpp>

namespace netobs {

// A pod as analysis sees it: the pod model (labels, container ports for named ports, the
// workload it is reported as, `ns/name[Kind]`) plus where it was declared.
struct ClusterPod : Pod {
  SourceLocation location;
};

// A file that could not be read as YAML or JSON: analysis goes on without it.
struct FileProblem {
  SourceLocation location;  // the file, and the parser's line
  std::string message;      // the parser's words
  std::string hint;         // what the file looks like (a Helm template, a kustomize patch), or empty
};

// A policy object of a kind the analysis does not evaluate (another API group's NetworkPolicy,
// such as Calico's): kept
// apart from the notes, so that a command can refuse to call a result complete that ignored it.
struct UnanalysedPolicy {
  SourceLocation location;
  std::string api_version;
  std::string kind;
  std::string namespace_name;  // empty for cluster-scoped kinds
  std::string name;
};

// "NetworkPolicy shop/web (projectcalico.org/v3)", for messages.
std::string describe(const UnanalysedPolicy& policy);

// The policy APIs the analysis evaluates, for messages.
inline constexpr const char* k_analysed_policy_api =
    "networking.k8s.io/v1 NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy, "
    "ApplicationNetworkPolicy, CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy";

// What a file that does not parse does to a run: reported while the rest is analysed, or the end
// of the run (--strict-input).
enum class InputErrors { report, fail };

struct ManifestSet {
  std::vector<NetworkPolicy> policies;
  // Admin, Baseline and cluster network policies (every apiVersion), in the order read.
  std::vector<TieredPolicy> tiered;
  // CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies (cilium.io/v2), in the order read.
  std::vector<CiliumPolicy> cilium;
  std::vector<ClusterPod> pods;
  // Pods of Jobs and CronJobs that ran to completion: between runs no running pod stands for the
  // workload, yet it exists and its policies apply at its next run. Not part of the running state.
  std::vector<ClusterPod> finished_pods;
  std::map<std::string, Labels> namespaces;                   // every namespace that is declared or holds a pod
  std::map<std::string, SourceLocation> namespace_locations;  // where a Namespace object declares it
  std::vector<std::string> notes;                             // documents and files skipped, and why
  std::vector<FileProblem> problems;                          // files that did not parse (InputErrors::report)
  std::vector<UnanalysedPolicy> unanalysed;  // policies of other kinds, which no result takes into account
  std::map<std::string, std::vector<IpAddress>> node_addresses;  // node name -> addresses (from an inventory)
  std::map<std::string, Labels> node_labels;                     // node name -> labels (from an inventory)

  // The labels of namespace `name`, including kubernetes.io/metadata.name, which every
  // namespace has.
  Labels namespace_labels(const std::string& name) const;
};

// Reads files and directories (recursively, sorted) of YAML (multi-document) or JSON manifests,
// `kind: List` and `*List` wrappers included. Files that are not Kubernetes manifests and
// documents of other kinds are skipped with a note, policies of other kinds listed as unanalysed; a file that is not
// valid YAML/JSON is a problem in the set, or (InputErrors::fail) an invalid_input error with file and line. An
// unreadable path is an io error.
Result<ManifestSet> load_manifests(const std::vector<std::string>& paths, InputErrors errors = InputErrors::report);

// The same from text in memory (a `kind: List` read from the API server); `origin` names it.
Result<ManifestSet> load_manifest_text(const std::string& text, const std::string& origin);

// Adds everything in `from` to `into`. A policy or pod `into` already has (same namespace and
// name) is kept as `into` has it: the files a user gives win over the cluster's copy.
void merge_manifests(ManifestSet& into, ManifestSet&& from);

// Adds the pods and namespaces of a recommend inventory (`kubectl get ... -o json`); `origin`
// (the inventory's path) is the location of its pods in messages. Terminated pods are left out,
// but those of Jobs and CronJobs go to `finished_pods`.
void add_inventory(ManifestSet& set, const Inventory& inventory, const std::string& origin = "");

}  // namespace netobs
