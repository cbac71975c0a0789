// One HTTPS GET over libcurl with the TLS settings a kubeconfig can give. The only place netobs
// touches curl for the Kubernetes API; the response body is bounded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <netobs/error.hpp>

namespace netobs::kube {

struct TlsSettings {
  std::string ca_pem;          // certificate-authority(-data); empty: the system's CAs
  bool insecure = false;       // insecure-skip-tls-verify
  std::string server_name;     // tls-server-name: the name verified and sent as SNI
  std::string client_cert_pem;
  std::string client_key_pem;
  std::string proxy_url;
};

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"; never printed (they may hold a token)
  double timeout_seconds = 30;
  std::uint64_t max_body_bytes = 1ULL << 30;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::optional<double> retry_after;  // seconds, from a Retry-After header
};

// Performs the GET. Returns a network error (message names the URL and the TLS or connection
// problem, never a header) when no HTTP response arrived; any status is a response.
Result<HttpResponse> http_get(const HttpRequest& request, const TlsSettings& tls);

}  // namespace netobs::kube
