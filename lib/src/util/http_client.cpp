#include "util/http_client.hpp"

namespace netobs {

void set_up_transfer(CURL* curl, const TransferSetup& setup) {
  curl_easy_setopt(curl, CURLOPT_URL, setup.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // threads read sources: no SIGALRM for timeouts
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip and deflate, decoded by curl
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, setup.headers);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(setup.connect_timeout * 1000));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, setup.insecure ? 0L : 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, setup.insecure ? 0L : 2L);
  if (!setup.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, setup.ca_file.c_str());
  if (!setup.cert_file.empty()) curl_easy_setopt(curl, CURLOPT_SSLCERT, setup.cert_file.c_str());
  if (!setup.key_file.empty()) curl_easy_setopt(curl, CURLOPT_SSLKEY, setup.key_file.c_str());
  // CURL_BLOB_COPY: curl keeps its own copies, so the blobs may go out of scope.
  if (!setup.ca_pem.empty()) {
    curl_blob ca{const_cast<char*>(setup.ca_pem.data()), setup.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &ca);
  }
  if (!setup.cert_pem.empty()) {
    curl_blob cert{const_cast<char*>(setup.cert_pem.data()), setup.cert_pem.size(), CURL_BLOB_COPY};
    curl_blob key{const_cast<char*>(setup.key_pem.data()), setup.key_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_SSLCERT_BLOB, &cert);
    curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(curl, CURLOPT_SSLKEY_BLOB, &key);
    curl_easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
  }
  if (!setup.proxy_url.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, setup.proxy_url.c_str());
  if (setup.error_buffer != nullptr) curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, setup.error_buffer);
}

}  // namespace netobs
