// Small readers for fields every Kubernetes object shares, over the JSON document model.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <netobs/flow.hpp>
#include <netobs/labels.hpp>

namespace netobs::k8s {

// `obj[key]` when it is a string, else "".
std::string string_at(const nlohmann::json& obj, const char* key);
// metadata.labels (or any string map) as Labels; non-string values are ignored.
Labels labels_at(const nlohmann::json& obj);
// A LabelSelector object (matchLabels, matchExpressions); nullopt when `json` is not an object.
std::optional<LabelSelector> parse_selector(const nlohmann::json& json);
// "TCP" / "UDP" / "SCTP"; a missing protocol is TCP; nullopt for anything else.
std::optional<Protocol> parse_protocol(const nlohmann::json& json);

}  // namespace netobs::k8s
