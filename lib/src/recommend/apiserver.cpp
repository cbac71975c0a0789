#include "apiserver.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <netobs/option.hpp>

namespace netobs {

std::vector<std::string> apiserver_warnings(const Graph& graph, const Inventory& inventory,
                                            const RecommendOptions& options) {
  std::vector<std::string> warnings;
  const Service* kubernetes = inventory.service_by_name("default", "kubernetes");
  if (kubernetes && !inventory.endpoints_of(*kubernetes)) {
    warnings.push_back(
        "the inventory has the default/kubernetes Service but not its Endpoints or EndpointSlices, so the API "
        "server's addresses are unknown: calls to them are written as the addresses seen, if at all (add "
        "endpoints,endpointslices to the kubectl get)");
  }
  if (options.apiserver_cidrs.empty()) return warnings;
  std::vector<std::string> outside;
  for (const IpAddress& ip : graph.apiserver_ips) {
    if (std::none_of(options.apiserver_cidrs.begin(), options.apiserver_cidrs.end(),
                     [&](const Cidr& cidr) { return cidr.contains(ip); })) {
      outside.push_back(to_string(ip));
    }
  }
  if (!outside.empty()) {
    warnings.push_back(
        fmt::format("the API server is at {}, outside every {}: the policies allow only the given ranges, so "
                    "calls to these addresses will be blocked",
                    fmt::join(outside, ", "), spell(Option::apiserver_cidr)));
  }
  return warnings;
}

}  // namespace netobs
