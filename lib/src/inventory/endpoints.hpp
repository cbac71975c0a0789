// Endpoints and EndpointSlices in the inventory: the addresses behind Services without a selector
// (the API server's `default/kubernetes`), which no pod explains.
#pragma once

#include <map>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <netobs/inventory.hpp>

namespace netobs {

using EndpointIndex = std::map<std::pair<std::string, std::string>, ServiceEndpoints>;  // (namespace, service)

// Adds one Endpoints or EndpointSlice object to `index`, under its Service.
void add_endpoints(const nlohmann::json& item, const std::string& kind, EndpointIndex& index);
// Adds the endpoints of one List (`from`) to `into`, as adding its objects one by one would.
void merge_endpoints(const EndpointIndex& from, EndpointIndex& into);

}  // namespace netobs
