// What the inputs say of the API server's addresses that would make its rules wrong without
// notice: an inventory without the endpoints of `default/kubernetes`, an --apiserver-cidr that
// leaves out an address it was seen at.
#pragma once

#include <string>
#include <vector>

#include <netobs/recommend.hpp>

namespace netobs {

std::vector<std::string> apiserver_warnings(const Graph& graph, const Inventory& inventory,
                                            const RecommendOptions& options);

}  // namespace netobs
