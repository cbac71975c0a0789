// Kubernetes manifests read for policy analysis: NetworkPolicies, namespaces, and the pods that
// Pod and workload manifests (or a recommend inventory) stand for, each with its source location.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/inventory.hpp>
#include <netobs/pod.hpp>
#include <netobs/labels.hpp>
#include <netobs/policy.hpp>

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

// What a file that does not parse does to a run: reported while the rest is analysed, or the end
// of the run (--strict-input).
enum class InputErrors { report, fail };

struct ManifestSet {
  std::vector<NetworkPolicy> policies;
  std::vector<ClusterPod> pods;
  std::map<std::string, Labels> namespaces;  // every namespace that is declared or holds a pod
  std::vector<std::string> notes;            // documents and files skipped, and why
  std::vector<FileProblem> problems;         // files that did not parse (InputErrors::report)
  std::map<std::string, std::vector<IpAddress>> node_addresses;  // node name -> addresses (from an inventory)

  // The labels of namespace `name`, including kubernetes.io/metadata.name, which every
  // namespace has.
  Labels namespace_labels(const std::string& name) const;
};

// Reads files and directories (recursively, sorted) of YAML (multi-document) or JSON manifests,
// `kind: List` and `*List` wrappers included. Files that are not Kubernetes manifests and
// documents of other kinds are skipped with a note; a file that is not valid YAML/JSON is a
// problem in the set, or (InputErrors::fail) an invalid_input error with file and line. An
// unreadable path is an io error.
Result<ManifestSet> load_manifests(const std::vector<std::string>& paths, InputErrors errors = InputErrors::report);

// The same from text in memory (a `kind: List` read from the API server); `origin` names it.
Result<ManifestSet> load_manifest_text(const std::string& text, const std::string& origin);

// Adds everything in `from` to `into`. A policy or pod `into` already has (same namespace and
// name) is kept as `into` has it: the files a user gives win over the cluster's copy.
void merge_manifests(ManifestSet& into, ManifestSet&& from);

// Adds the pods and namespaces of a recommend inventory (`kubectl get ... -o json`); `origin`
// (the inventory's path) is the location of its pods in messages.
void add_inventory(ManifestSet& set, const Inventory& inventory, const std::string& origin = "");

}  // namespace netobs
