#include "kube/http.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

#include <curl/curl.h>
#include <fmt/format.h>

#include "util/curl_library.hpp"
#include "util/http_client.hpp"

namespace netobs::kube {
namespace {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Sink {
  std::string* body;
  std::uint64_t limit;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * count;
  if (sink->body->size() + bytes > sink->limit) {
    sink->too_large = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const std::string line(data, size * count);
  constexpr std::string_view k_name = "retry-after:";
  if (line.size() > k_name.size()) {
    std::string lower = line.substr(0, k_name.size());
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == k_name) {
      try {
        response->retry_after = std::stod(line.substr(k_name.size()));
      } catch (const std::exception&) {
        // An HTTP date instead of seconds: back off by our own schedule.
      }
    }
  }
  return size * count;
}

// "https://host:port/path" -> (host, port).
std::pair<std::string, std::string> host_port(const std::string& url) {
  const auto scheme = url.find("://");
  const std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  std::size_t end = url.find('/', start);
  if (end == std::string::npos) end = url.size();
  std::string authority = url.substr(start, end - start);
  std::string port = url.starts_with("http://") ? "80" : "443";
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close != std::string::npos && close + 1 < authority.size() && authority[close + 1] == ':') {
      port = authority.substr(close + 2);
    }
    return {authority.substr(0, close + 1), port};
  }
  if (const auto colon = authority.rfind(':'); colon != std::string::npos) {
    port = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
  }
  return {authority, port};
}

// One transfer set up with the request's headers and the TLS settings; it owns what curl points to.
struct Transfer {
  std::unique_ptr<CURL, CurlDeleter> curl;
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  std::unique_ptr<curl_slist, SlistDeleter> connect_to;
  std::string url;
  char error_text[CURL_ERROR_SIZE] = {};
};

Result<std::unique_ptr<Transfer>> prepare(const HttpRequest& request, const TlsSettings& tls) {
  auto transfer = std::make_unique<Transfer>();
  transfer->curl.reset(curl_easy_init());
  if (!transfer->curl) {
    return make_error(ErrorKind::network, SourceLocation::at_url(request.url),
                      fmt::format("cannot start an HTTP client{}", curl_reason()));
  }
  for (const auto& header : request.headers) {
    transfer->headers.reset(curl_slist_append(transfer->headers.release(), header.c_str()));
  }
  transfer->url = request.url;
  CURL* c = transfer->curl.get();
  if (!tls.server_name.empty()) {
    // Verify (and send as SNI) the name the kubeconfig gives, while connecting to the server's
    // own address: the request goes to server_name, rerouted to the real host.
    const auto [host, port] = host_port(request.url);
    const auto at = transfer->url.find(host);
    transfer->url.replace(at, host.size(), tls.server_name);
    transfer->connect_to.reset(
        curl_slist_append(nullptr, fmt::format("{}:{}:{}:{}", tls.server_name, port, host, port).c_str()));
    curl_easy_setopt(c, CURLOPT_CONNECT_TO, transfer->connect_to.get());
  }
  TransferSetup setup;
  setup.url = transfer->url;
  setup.headers = transfer->headers.get();
  setup.connect_timeout = std::min(request.timeout_seconds, 10.0);
  setup.insecure = tls.insecure;
  setup.ca_pem = tls.ca_pem;
  setup.cert_pem = tls.client_cert_pem;
  setup.key_pem = tls.client_key_pem;
  setup.proxy_url = tls.proxy_url;  // without it, https_proxy / no_proxy as kubectl takes them
  setup.error_buffer = transfer->error_text;
  set_up_transfer(c, setup);
  return transfer;
}

Error transfer_error(const Transfer& transfer, CURLcode code, const std::string& url) {
  const std::string detail = transfer.error_text[0] != '\0' ? transfer.error_text : curl_easy_strerror(code);
  const bool tls_failure = code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
                           code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM;
  const ErrorKind kind = tls_failure                        ? ErrorKind::tls
                         : code == CURLE_OPERATION_TIMEDOUT ? ErrorKind::timeout
                                                            : ErrorKind::network;
  return Error{kind, fmt::format("{}{}", tls_failure ? "TLS failure: " : "", detail), SourceLocation::at_url(url)};
}

// Splits a streamed body into lines for the caller; a line longer than the limit ends it.
struct LineSink {
  const std::function<bool(std::string_view)>* on_line;
  const std::atomic<bool>* stop;
  std::string pending;
  std::uint64_t limit;
  bool too_long = false;
  long status = 0;
  CURL* curl = nullptr;
  std::string error_body;
};

std::size_t on_stream(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<LineSink*>(user);
  const std::size_t bytes = size * count;
  curl_easy_getinfo(sink->curl, CURLINFO_RESPONSE_CODE, &sink->status);
  if (sink->status != 200) {  // a Status object: kept, bounded, for the message
    if (sink->error_body.size() < 4096) sink->error_body.append(data, std::min<std::size_t>(bytes, 4096));
    return bytes;
  }
  sink->pending.append(data, bytes);
  std::size_t start = 0;
  for (std::size_t newline; (newline = sink->pending.find('\n', start)) != std::string::npos; start = newline + 1) {
    if (!(*sink->on_line)(std::string_view(sink->pending).substr(start, newline - start))) return 0;
  }
  sink->pending.erase(0, start);
  if (sink->pending.size() > sink->limit) {
    sink->too_long = true;
    return 0;
  }
  return bytes;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<LineSink*>(user)->stop->load() ? 1 : 0;  // nonzero aborts the transfer
}

}  // namespace

Result<HttpResponse> http_get(const HttpRequest& request, const TlsSettings& tls) {
  auto transfer = prepare(request, tls);
  if (!transfer) return tl::unexpected(transfer.error());
  CURL* c = (*transfer)->curl.get();
  HttpResponse response;
  Sink sink{&response.body, request.max_body_bytes};
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_seconds * 1000));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response);
  const CURLcode code = curl_easy_perform(c);
  if (sink.too_large) {
    return make_error(ErrorKind::limit, SourceLocation::at_url(request.url),
                      fmt::format("response larger than {} bytes", request.max_body_bytes));
  }
  if (code != CURLE_OK) return tl::unexpected(transfer_error(**transfer, code, request.url));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

Result<StreamResult> http_stream(const HttpRequest& request, const TlsSettings& tls, double idle_seconds,
                                 const std::function<bool(std::string_view)>& on_line, const std::atomic<bool>& stop) {
  auto transfer = prepare(request, tls);
  if (!transfer) return tl::unexpected(transfer.error());
  CURL* c = (*transfer)->curl.get();
  LineSink sink{&on_line, &stop, {}, request.max_body_bytes, false, 0, c, {}};
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_stream);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &sink);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, std::max(1L, static_cast<long>(idle_seconds)));
  const CURLcode code = curl_easy_perform(c);
  if (sink.too_long) {
    return make_error(ErrorKind::limit, SourceLocation::at_url(request.url),
                      fmt::format("a line longer than {} bytes", request.max_body_bytes));
  }
  StreamResult result{sink.status, std::move(sink.error_body),
                      code == CURLE_ABORTED_BY_CALLBACK || code == CURLE_WRITE_ERROR};
  if (code != CURLE_OK && !result.stopped) return tl::unexpected(transfer_error(**transfer, code, request.url));
  return result;
}

}  // namespace netobs::kube
