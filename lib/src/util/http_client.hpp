// The one setup of an HTTP transfer that every client shares (agent streams, Prometheus queries,
// the Kubernetes API): GET over http or https only, no redirects, compressed bodies decoded by
// curl, the connect timeout, and TLS verification with the caller's CA and client certificate.
// Each client then adds what is its own (callbacks, idle timeouts, the kubeconfig's SNI name).
#pragma once

#include <string>

#include <curl/curl.h>

namespace netobs {

struct TransferSetup {
  std::string url;
  curl_slist* headers = nullptr;  // owned by the caller, alive for the transfer
  double connect_timeout = 10;    // seconds
  bool insecure = false;          // skip TLS verification
  // TLS material as files (agent and Prometheus options) or as PEM text (kubeconfig data);
  // empty: the system's CAs, no client certificate.
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  std::string ca_pem;
  std::string cert_pem;
  std::string key_pem;
  std::string proxy_url;         // empty: curl takes https_proxy / no_proxy from the environment
  char* error_buffer = nullptr;  // CURL_ERROR_SIZE bytes, owned by the caller
};

// Sets `curl` up as `setup` says; curl copies the strings and PEM blobs it is given.
void set_up_transfer(CURL* curl, const TransferSetup& setup);

}  // namespace netobs
