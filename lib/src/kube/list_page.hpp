// One page of a Kubernetes list answer (GET .../pods?limit=N): its items and the token of the
// next page. Kept apart from the client so the parse of what a server sends can be fuzzed.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/error.hpp>

namespace netobs::kube {

struct ListPage {
  std::vector<nlohmann::json> items;
  std::string continue_token;    // empty on the last page
  std::string resource_version;  // metadata.resourceVersion: where a watch of the list begins
};

// Parses `body`, the answer from `url`; an answer that is not a list object is an invalid_input
// error naming the URL, a limit is a limit error.
Result<ListPage> parse_list_page(const std::string& body, const std::string& url);

}  // namespace netobs::kube
