#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <netobs/clock.hpp>
#include <netobs/kube.hpp>

#include "kube/api_client.hpp"
#include "util/k8s_json.hpp"

namespace netobs {

using kube::Client;
using kube::k_resources;
using kube::Resource;
using nlohmann::json;

Result<ClusterSnapshot> read_cluster(const ClusterReadOptions& options) {
  kube::KubeconfigOptions config;
  config.kubeconfig = options.kubeconfig;
  config.context = options.context;
  auto target = kube::resolve_target(kube::with_environment(config));
  if (!target) return tl::unexpected(target.error());
  Client client(*target, options);
  ClusterSnapshot snapshot;
  snapshot.origin = fmt::format("cluster {} ({})", target->context, target->server);
  snapshot.taken_at = now_seconds();
  json items = json::array();
  for (const Resource& resource : k_resources) {
    std::vector<std::string> scopes{""};
    if (!options.namespaces.empty() && resource.namespaced) scopes = options.namespaces;
    if (!options.namespaces.empty() && std::string(resource.plural) == "namespaces") {
      for (const auto& name : options.namespaces) {
        auto object = client.get_namespace(name);
        if (!object) return tl::unexpected(object.error());
        if (*object) items.push_back(std::move(**object));
      }
      continue;
    }
    for (const auto& scope : scopes) {
      std::string version;
      auto listed = client.list(resource, scope, &version);
      if (listed && std::string_view(resource.plural) == "pods") snapshot.pod_versions[scope] = version;
      if (!listed) {
        const ErrorKind kind = listed.error().kind;
        const bool forbidden = kind == ErrorKind::forbidden;
        const bool not_served = kind == ErrorKind::not_served;
        // The 404 message asks whether this is an API server at all: not the question here.
        const std::string reason =
            not_served ? fmt::format("{} does not serve them (404)", snapshot.origin) : describe(listed.error());
        if (resource.need == kube::Need::if_installed && not_served) break;  // not installed: none exist
        if ((resource.need == kube::Need::optional || resource.need == kube::Need::if_installed) &&
            (forbidden || not_served)) {
          snapshot.warnings.push_back(fmt::format("{}: {}; without them {}", resource.plural, reason, resource.lost));
          if (not_served) break;  // in no namespace either: one warning
          continue;
        }
        if (resource.need == kube::Need::wanted && forbidden) {
          snapshot.notes.push_back(
              fmt::format("{}: left out: {}; without them {}", resource.plural, reason, resource.lost));
          continue;
        }
        return tl::unexpected(listed.error());
      }
      for (auto& item : *listed) items.push_back(std::move(item));
    }
  }
  // The policies of every kind the engine reads (items carry the apiVersion they were listed as).
  json policies = json::array();
  for (const auto& item : items) {
    const std::string kind = k8s::string_at(item, "kind");
    if (kind.ends_with("NetworkPolicy")) policies.push_back(item);
  }
  snapshot.policies = k8s::to_json_text(json{{"apiVersion", "v1"}, {"kind", "List"}, {"items", std::move(policies)}});
  snapshot.list = k8s::to_json_text(json{{"apiVersion", "v1"}, {"kind", "List"}, {"items", std::move(items)}});
  return snapshot;
}

}  // namespace netobs
