// What a lint rule sees: every NetworkPolicy object (raw, with positions, and parsed), the pods
// and namespaces known, the policy engine, and observed flows when given.
#pragma once

#include <string>
#include <vector>

#include <netobs/engine.hpp>
#include <netobs/lint.hpp>

#include "manifest/documents.hpp"

namespace netobs::lint {

struct PolicyInput {
  const ManifestObject* object = nullptr;
  const NetworkPolicy* policy = nullptr;

  const nlohmann::json& value() const { return object->value(); }
  // The raw value at `pointer` below the object ("/spec/podSelector"), or null when absent.
  const nlohmann::json* at(const std::string& pointer) const;
};

struct LintContext {
  std::vector<PolicyInput> policies;
  std::vector<const ManifestObject*> objects;  // every object read, of any kind
  const ManifestSet* set = nullptr;
  const PolicyEngine* engine = nullptr;
  bool pods_known = false;       // manifests or an inventory gave pods
  bool inventory_given = false;  // an inventory or the cluster: every pod is known, not only the manifests' pods
  const Graph* flows = nullptr;

  // A finding at `pointer` (relative to the object: "/spec/podSelector", "" for the object).
  Diagnostic at(const PolicyInput& input, const std::string& pointer, std::string message) const;
  Diagnostic at(const ManifestObject& object, const std::string& pointer, std::string message) const;
  // A finding about the workload of `pod`, where the pod was declared (a pod of the cluster has
  // no line: its location's line is 0).
  Diagnostic about(const ClusterPod& pod, std::string message) const;
};

// The object's kind, namespace and name.
ObjectRef object_ref(const ManifestObject& object);
// The field `pointer` ("/spec/ingress/0/ports") names in `value`, as kubectl writes it
// ("spec.ingress[0].ports"); "" for the object itself.
std::string field_path(const nlohmann::json& value, const std::string& pointer);

}  // namespace netobs::lint
