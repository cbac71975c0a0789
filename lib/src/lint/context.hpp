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
  bool pods_known = false;  // manifests or an inventory gave pods
  bool inventory_given = false;  // an inventory or the cluster: every pod is known, not only the manifests' pods
  const Graph* flows = nullptr;

  // A finding at `pointer` (relative to the policy object).
  Diagnostic at(const PolicyInput& input, const std::string& pointer, std::string message) const;
};

}  // namespace netobs::lint
