// Small readers for fields every Kubernetes object shares, over the JSON document model.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/flow.hpp>
#include <netobs/labels.hpp>
#include <netobs/pod.hpp>
#include <netobs/workload.hpp>

namespace netobs::k8s {

// `obj[key]`, or null when `obj` is not a map or lacks the key.
const nlohmann::json& field(const nlohmann::json& obj, const char* key);
// metadata.namespace, or "default" when absent.
std::string namespace_of(const nlohmann::json& metadata);
// The controller among metadata.ownerReferences (or the first owner when none is marked
// controller) as (kind, name); nullopt without owners.
std::optional<std::pair<std::string, std::string>> controller_of(const nlohmann::json& metadata);
// The container ports (containers and initContainers) of a pod spec; malformed ones are left out.
std::vector<ContainerPort> container_ports(const nlohmann::json& pod_spec);

// A Pod object (any source) as the pod model; `owner` is its controller (a static pod, owned by
// its Node, is its own workload) until an inventory resolves the root owner.
Pod parse_pod(const nlohmann::json& item);

// `obj[key]` when it is a string, else "".
std::string string_at(const nlohmann::json& obj, const char* key);
// metadata.labels (or any string map) as Labels; non-string values are ignored.
Labels labels_at(const nlohmann::json& obj);
// A LabelSelector object (matchLabels, matchExpressions); nullopt when `json` is not an object.
std::optional<LabelSelector> parse_selector(const nlohmann::json& json);
// "TCP" / "UDP" / "SCTP"; a missing protocol is TCP; nullopt for anything else.
std::optional<Protocol> parse_protocol(const nlohmann::json& json);

// `value` as JSON text. Strings from outside may hold bytes that are not UTF-8, which
// nlohmann's dump() throws on; they are printed as U+FFFD instead, so a message or an output
// about a bad field never fails itself.
std::string to_json_text(const nlohmann::json& value, int indent = -1);
std::string to_json_text(const nlohmann::ordered_json& value, int indent = -1);

// An object as its author wrote it, as JSON text with sorted keys: without `status` and the
// metadata the API server sets (uid, resourceVersion, managedFields, kubectl's last-applied
// annotation, ...), so that the live copy of a policy and the file it came from compare equal.
std::string object_as_written(const nlohmann::json& value);

}  // namespace netobs::k8s
