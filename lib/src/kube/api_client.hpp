// The API client read_cluster and the pod watch share: the target's credentials (tokens, exec
// plugins, client certificates), GETs with retries, lists with pagination, errors as users read
// them. Internal to the library.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <netobs/kube.hpp>

#include "kube/exec_credential.hpp"
#include "kube/http.hpp"
#include "kube/kubeconfig.hpp"
#include "kube/list_page.hpp"
#include "util/backoff.hpp"
#include "util/document.hpp"
#include "util/k8s_json.hpp"

namespace netobs::kube {

using nlohmann::json;

// What a run loses when a resource cannot be listed.
enum class Need : std::uint8_t {
  required,  // netobs cannot work without it: any failure ends the run
  wanted,    // left out with a note when forbidden (403); a 404 means this is no Kubernetes API server
  optional,  // left out with a warning when forbidden (403) or not served (404: older or trimmed servers)
  // A policy kind of a CRD: not served (404) means it is not installed, so no such policy exists
  // (said nowhere); forbidden (403) leaves out policies that may exist, with a warning.
  if_installed,
};

struct Resource {
  const char* group_path;  // "/api/v1" or "/apis/apps/v1"
  const char* plural;
  const char* kind;
  bool namespaced;
  Need need;
  const char* lost;  // what a run without it lacks, for the note or warning; empty when required
};

inline constexpr Resource k_resources[] = {
    // Namespace labels decide namespaceSelectors: without them every analysis could be wrong.
    {"/api/v1", "namespaces", "Namespace", false, Need::required, ""},
    {"/api/v1", "nodes", "Node", false, Need::wanted, "node addresses are not recognised as nodes"},
    {"/api/v1", "pods", "Pod", true, Need::required, ""},
    {"/api/v1", "services", "Service", true, Need::wanted,
     "calls to Service addresses cannot be traced to the pods behind them"},
    {"/api/v1", "endpoints", "Endpoints", true, Need::optional,
     "the addresses behind Services without a selector (the API server's, default/kubernetes) are known only "
     "where EndpointSlices list them"},
    {"/apis/discovery.k8s.io/v1", "endpointslices", "EndpointSlice", true, Need::optional,
     "the addresses behind Services without a selector (the API server's, default/kubernetes) are known only "
     "where Endpoints list them"},
    {"/apis/apps/v1", "deployments", "Deployment", true, Need::wanted,
     "Deployments' own selectors are unknown (their pods' shared labels stand in)"},
    {"/apis/apps/v1", "replicasets", "ReplicaSet", true, Need::wanted,
     "pods are traced to their Deployment by the ReplicaSet's naming convention alone"},
    {"/apis/apps/v1", "statefulsets", "StatefulSet", true, Need::wanted,
     "StatefulSets' own selectors are unknown (their pods' shared labels stand in)"},
    {"/apis/apps/v1", "daemonsets", "DaemonSet", true, Need::wanted,
     "DaemonSets' own selectors are unknown (their pods' shared labels stand in)"},
    {"/apis/batch/v1", "jobs", "Job", true, Need::optional,
     "pods of Jobs are traced to their CronJob by name alone, and Jobs that did not run in the window are not "
     "listed as cut off by a default deny"},
    {"/apis/batch/v1", "cronjobs", "CronJob", true, Need::optional,
     "CronJobs that did not run in the window are not listed as cut off by a default deny"},
    {"/apis/networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", true, Need::required, ""},
    {"/apis/networking.k8s.aws/v1alpha1", "applicationnetworkpolicies", "ApplicationNetworkPolicy", true,
     Need::if_installed, "the analysis leaves out the EKS ApplicationNetworkPolicies the cluster may enforce"},
    {"/apis/networking.k8s.aws/v1alpha1", "clusternetworkpolicies", "ClusterNetworkPolicy", false, Need::if_installed,
     "the analysis leaves out the EKS ClusterNetworkPolicies the cluster may enforce"},
    {"/apis/policy.networking.k8s.io/v1alpha1", "adminnetworkpolicies", "AdminNetworkPolicy", false, Need::if_installed,
     "the analysis leaves out the AdminNetworkPolicies the cluster may enforce"},
    {"/apis/policy.networking.k8s.io/v1alpha1", "baselineadminnetworkpolicies", "BaselineAdminNetworkPolicy", false,
     Need::if_installed, "the analysis leaves out the BaselineAdminNetworkPolicy the cluster may enforce"},
    {"/apis/policy.networking.k8s.io/v1alpha2", "clusternetworkpolicies", "ClusterNetworkPolicy", false,
     Need::if_installed, "the analysis leaves out the ClusterNetworkPolicies the cluster may enforce"},
    {"/apis/cilium.io/v2", "ciliumnetworkpolicies", "CiliumNetworkPolicy", true, Need::if_installed,
     "the analysis leaves out the CiliumNetworkPolicies the cluster may enforce"},
    {"/apis/cilium.io/v2", "ciliumclusterwidenetworkpolicies", "CiliumClusterwideNetworkPolicy", false,
     Need::if_installed, "the analysis leaves out the CiliumClusterwideNetworkPolicies the cluster may enforce"},
};

inline std::string api_version_of(const Resource& resource) {
  const std::string path = resource.group_path;
  return path == "/api/v1" ? "v1" : path.substr(std::string("/apis/").size());
}

inline std::string url_escape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

class Client {
 public:
  Client(KubeTarget target, const ClusterReadOptions& options) : m_target(std::move(target)), m_options(options) {}

  // Every item of one resource (in one namespace, or all), pages followed; `resource_version`
  // gets the list's version (of its first page), where a watch begins.
  Result<std::vector<json>> list(const Resource& resource, const std::string& namespace_name,
                                 std::string* resource_version = nullptr) {
    const std::string what = namespace_name.empty()
                                 ? fmt::format("{}{}", resource.plural, resource.namespaced ? " in all namespaces" : "")
                                 : fmt::format("{} in namespace {}", resource.plural, namespace_name);
    const std::string base = m_target.server + resource.group_path +
                             (namespace_name.empty() ? "" : "/namespaces/" + url_escape(namespace_name)) + "/" +
                             resource.plural;
    for (int restart = 0; restart < 3; ++restart) {
      std::vector<json> items;
      std::string token;
      bool expired = false;
      for (std::size_t page = 0; page < 100000; ++page) {
        std::string url = fmt::format("{}?limit={}", base, m_options.page_size);
        if (!token.empty()) url += "&continue=" + url_escape(token);
        auto response = get(url, what);
        if (!response) return tl::unexpected(response.error());
        if (response->status == 410 && !token.empty()) {
          expired = true;  // the continue token expired: list again from the start
          break;
        }
        if (response->status != 200) return tl::unexpected(status_error(*response, what, url));
        auto page_of = parse_list_page(response->body, url);
        if (!page_of) return tl::unexpected(page_of.error());
        for (auto& item : page_of->items) {
          if (!item.is_object()) continue;  // not an object: nothing a reader could use
          item["apiVersion"] = api_version_of(resource);
          item["kind"] = resource.kind;
          items.push_back(std::move(item));
        }
        if (page == 0 && resource_version) *resource_version = page_of->resource_version;
        token = page_of->continue_token;
        if (token.empty()) return items;
      }
      if (!expired) return make_error(ErrorKind::kube_api, fmt::format("{}: too many pages", base));
    }
    return make_error(ErrorKind::kube_api, fmt::format("{}: the list kept expiring (410 Gone); try again", base));
  }

  // One namespace object, for -n (listing namespaces may be forbidden to a namespaced user).
  Result<std::optional<json>> get_namespace(const std::string& name) {
    const std::string url = m_target.server + "/api/v1/namespaces/" + url_escape(name);
    auto response = get(url, "namespace " + name);
    if (!response) return tl::unexpected(response.error());
    if (response->status == 404 || response->status == 403) return std::optional<json>{};
    if (response->status != 200) return tl::unexpected(status_error(*response, "namespace " + name, url));
    auto parsed = parse_json(response->body, url);
    if (!parsed) return make_error(ErrorKind::invalid_input, fmt::format("{}: the answer is not JSON", url));
    json body = std::move(*parsed);
    body["kind"] = "Namespace";
    return std::optional<json>(std::move(body));
  }

  const KubeTarget& target() const { return m_target; }
  const ClusterReadOptions& options() const { return m_options; }

  // A request for `url` with the target's credentials (exec plugins asked as needed).
  Result<std::pair<HttpRequest, TlsSettings>> request_for(const std::string& url) { return make_request(url); }

 private:
  // A GET with retries on 429, 5xx, timeouts and connection failures; a 401 after an exec
  // credential asks the plugin once more.
  Result<HttpResponse> get(const std::string& url, const std::string& what) {
    Backoff backoff(0.2, m_options.max_backoff);
    bool refreshed = false;
    for (int attempt = 1;; ++attempt) {
      auto request = make_request(url);
      if (!request) return tl::unexpected(request.error());
      auto response = http_get(request->first, request->second);
      // A wrong CA or certificate does not pass by waiting; neither does a limit.
      const bool retry_network =
          !response && response.error().kind != ErrorKind::limit && response.error().kind != ErrorKind::tls;
      const bool retry_status = response && (response->status == 429 || response->status >= 500);
      if (response && response->status == 401 && m_target.exec && !refreshed) {
        forget_credentials();
        refreshed = true;
        continue;
      }
      if ((!retry_network && !retry_status) || attempt >= m_options.max_attempts) {
        if (!response) {
          return make_error(response.error().kind, fmt::format("cannot list {}: {}", what, describe(response.error())));
        }
        return response;
      }
      // Retry-After is honoured up to max_backoff: a listing is not held up longer than that.
      const double wait =
          std::min(m_options.max_backoff, backoff.delay(attempt, response ? response->retry_after : std::nullopt));
      std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    }
  }

  Result<std::pair<HttpRequest, TlsSettings>> make_request(const std::string& url) {
    HttpRequest request;
    request.url = url;
    request.timeout_seconds = m_options.request_timeout;
    request.headers.push_back("Accept: application/json");
    request.headers.push_back("User-Agent: netobs");
    TlsSettings tls = m_target.tls;
    std::string token = m_target.token;
    if (token.empty() && !m_target.token_file.empty()) {
      auto text = read_text_file(m_target.token_file);
      if (!text) return tl::unexpected(text.error());
      token = *text;
      while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
    }
    if (m_target.exec) {
      auto credential = exec_credential(*m_target.exec, m_target.server);
      if (!credential) return tl::unexpected(credential.error());
      if (!credential->token.empty()) token = credential->token;
      if (!credential->client_cert_pem.empty()) {
        tls.client_cert_pem = credential->client_cert_pem;
        tls.client_key_pem = credential->client_key_pem;
      }
    }
    if (!token.empty()) request.headers.push_back("Authorization: Bearer " + token);
    return std::make_pair(std::move(request), std::move(tls));
  }

  Error status_error(const HttpResponse& response, const std::string& what, const std::string& url) const {
    // The server's own reason, from a Status object, when it sent one.
    std::string reason;
    if (auto status = parse_json(response.body, url)) reason = k8s::string_at(*status, "message");
    if (reason.size() > 300) reason.resize(300);
    const std::string server = m_target.server;
    switch (response.status) {
      case 401:
        return Error{ErrorKind::auth,
                     fmt::format("unauthorized (401): the credentials of user '{}' (context '{}') were rejected; renew "
                                 "them or check the kubeconfig",
                                 m_target.user, m_target.context),
                     SourceLocation::at_url(server)};
      case 403:
        return Error{ErrorKind::forbidden, fmt::format("{}: forbidden (403): user '{}' may not list {}{}{}", server,
                                                       m_target.user, what, reason.empty() ? "" : ": ", reason)};
      case 404:
        return Error{ErrorKind::not_served,
                     fmt::format("{}: not found (404): {} (is this a Kubernetes API server?)", server, url)};
      default:
        return Error{ErrorKind::kube_api, fmt::format("{}: listing {} failed with HTTP {}{}{}", server, what,
                                                      response.status, reason.empty() ? "" : ": ", reason)};
    }
  }

  KubeTarget m_target;
  ClusterReadOptions m_options;
};

}  // namespace netobs::kube
