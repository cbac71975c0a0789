// Where a finding is: the object it is about and the field in it, for the findings that no line
// and column locate alone (objects the API server listed, several objects on one line).
#include <algorithm>

#include <netobs/lint.hpp>

#include "lint/context.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint {
namespace {

// A key kubectl prints after a dot; any other ("app.kubernetes.io/name", "") goes in brackets.
bool plain_key(const std::string& key) {
  return !key.empty() &&
         key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == std::string::npos;
}

}  // namespace

std::string to_string(const ObjectRef& object) {
  return object.kind + " " + (object.namespace_name.empty() ? "" : object.namespace_name + "/") +
         (object.name.empty() ? "(no name)" : object.name);
}

ObjectRef object_ref(const ManifestObject& object) {
  const nlohmann::json& metadata = k8s::field(object.value(), "metadata");
  // Namespace is the one cluster-scoped kind lint reads; everything else lives in one.
  return ObjectRef{object.kind, object.kind == "Namespace" ? "" : k8s::namespace_of(metadata),
                   k8s::string_at(metadata, "name")};
}

std::string field_path(const nlohmann::json& value, const std::string& pointer) {
  std::string path;
  const nlohmann::json* at = &value;
  // Rules build their pointers from raw keys, unescaped: split on '/' and never throw.
  for (std::size_t start = 1; start <= pointer.size();) {
    const std::size_t end = std::min(pointer.find('/', start), pointer.size());
    const std::string token = pointer.substr(start, end - start);
    start = end + 1;
    // The value says whether a token is an index: a map key may be made of digits too.
    const bool index = at != nullptr && at->is_array() && !token.empty() && token.size() < 10 &&
                       token.find_first_not_of("0123456789") == std::string::npos;
    if (index) {
      path += "[" + token + "]";
      const std::size_t i = std::stoul(token);
      at = i < at->size() ? &(*at)[i] : nullptr;
      continue;
    }
    if (plain_key(token)) {
      path += (path.empty() ? "" : ".") + token;
    } else {
      path += "[" + k8s::to_json_text(nlohmann::json(token)) + "]";
    }
    at = at != nullptr && at->is_object() && at->contains(token) ? &(*at)[token] : nullptr;
  }
  return path;
}

Diagnostic LintContext::at(const ManifestObject& object, const std::string& pointer, std::string message) const {
  const std::string full = object.pointer + pointer;
  Diagnostic d;
  d.message = std::move(message);
  d.location = object.document->location(full);
  d.column = object.document->column(full);
  d.object = object_ref(object);
  d.field = field_path(object.value(), pointer);
  d.in_file = object.in_file;
  return d;
}

Diagnostic LintContext::at(const PolicyInput& input, const std::string& pointer, std::string message) const {
  return at(*input.object, pointer, std::move(message));
}

Diagnostic LintContext::about(const ClusterPod& pod, std::string message) const {
  Diagnostic d;
  d.message = std::move(message);
  d.location = pod.location;
  d.object = ObjectRef{pod.owner.kind, pod.owner.namespace_name, pod.owner.name};
  d.in_file = pod.location.line != 0;
  return d;
}

}  // namespace netobs::lint
