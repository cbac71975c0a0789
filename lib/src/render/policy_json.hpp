// NetworkPolicy objects as Kubernetes JSON (field order as kubectl prints them), the one model
// both the YAML and JSON renderers write.
#pragma once

#include <nlohmann/json.hpp>

#include <netobs/policy.hpp>

namespace netobs {

nlohmann::ordered_json to_json(const NetworkPolicy& policy);
nlohmann::ordered_json to_json(const LabelSelector& selector);

}  // namespace netobs
