// CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) read into the Cilium model,
// leniently: what Cilium rejects is recorded as a located problem, so lint reports every one and
// analysis refuses to call a result complete.
#pragma once

#include <string>

#include <netobs/cilium_policy.hpp>

#include "manifest/documents.hpp"

namespace netobs {

// True for the apiVersion/kind pairs the Cilium model reads.
bool is_cilium_policy_kind(const std::string& api_version, const std::string& kind);

std::vector<CiliumPolicy> parse_cilium_policy(const ManifestObject& object);

}  // namespace netobs
