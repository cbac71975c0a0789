#include "kube/list_page.hpp"

#include <fmt/format.h>

#include "util/document.hpp"
#include "util/k8s_json.hpp"

namespace netobs::kube {

Result<ListPage> parse_list_page(const std::string& body, const std::string& url) {
  auto parsed = parse_json(body, url);
  if (!parsed && parsed.error().kind == ErrorKind::limit) return tl::unexpected(parsed.error());
  if (!parsed || !parsed->is_object() || !k8s::field(*parsed, "items").is_array()) {
    return make_error(ErrorKind::invalid_input, fmt::format("{}: the answer is not a Kubernetes list", url));
  }
  ListPage page;
  page.continue_token = k8s::string_at(k8s::field(*parsed, "metadata"), "continue");
  page.resource_version = k8s::string_at(k8s::field(*parsed, "metadata"), "resourceVersion");
  auto& items = (*parsed)["items"];
  page.items.reserve(items.size());
  for (auto& item : items) page.items.push_back(std::move(item));
  return page;
}

}  // namespace netobs::kube
