// HTTPS GETs over libcurl with TLS settings as a kubeconfig gives them: whole answers, or streamed
// line by line (watches). The Kubernetes API client and the --prometheus reader both request
// through it (agent streams have their own reader, ingest/http_source.cpp); bodies and lines are
// bounded.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netobs/error.hpp>

namespace netobs::kube {

struct TlsSettings {
  std::string ca_pem;       // certificate-authority(-data); empty: the system's CAs
  bool insecure = false;    // insecure-skip-tls-verify
  std::string server_name;  // tls-server-name: the name verified and sent as SNI
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
// problem, never a header) when no HTTP response arrived, and a limit error when the body passed
// request.max_body_bytes (callers that can ask for less, as --prometheus does, tell it by that
// kind); any status is a response.
Result<HttpResponse> http_get(const HttpRequest& request, const TlsSettings& tls);

struct StreamResult {
  long status = 0;
  std::string error_body;  // the body of a status other than 200 (a Status object), bounded
  bool stopped = false;    // `stop` or `on_line` ended it
};

// A streamed GET (a watch): `on_line` gets each line of a 200 answer as it arrives and returns
// false to end the stream; `stop`, checked about once a second, ends it too. No byte for
// `idle_seconds` is a timeout error. `request.max_body_bytes` bounds one line.
Result<StreamResult> http_stream(const HttpRequest& request, const TlsSettings& tls, double idle_seconds,
                                 const std::function<bool(std::string_view)>& on_line, const std::atomic<bool>& stop);

}  // namespace netobs::kube
