// Admin, Baseline and cluster network policies read into the tiered model, leniently: what is
// malformed is recorded as a located problem (np-guard's and the API server's rejections), so
// lint reports every one and analysis refuses to call a result complete.
#pragma once

#include <string>
#include <vector>

#include <netobs/tiered_policy.hpp>

#include "manifest/documents.hpp"

namespace netobs {

// True for the apiVersion/kind pairs the tiered model reads.
bool is_tiered_policy_kind(const std::string& api_version, const std::string& kind);

TieredPolicy parse_tiered_policy(const ManifestObject& object);

// The checks across policies: two AdminNetworkPolicies with one name or one priority, a second
// BaselineAdminNetworkPolicy. Each is added to the problems of the later policy.
void check_tiered_set(std::vector<TieredPolicy>& policies);

}  // namespace netobs
