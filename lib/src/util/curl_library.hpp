// libcurl, loaded when the first HTTP source or API request needs it rather than when netobs
// starts: it brings TLS, Kerberos, LDAP and SSH libraries whose loading alone is a third of the
// process's memory, and most runs read only files. The curl functions netobs calls are defined
// in curl_library.cpp and forward to the loaded library; curl_global_init runs as it is loaded.
#pragma once

#include <optional>
#include <string>

namespace netobs {

// Why libcurl could not be loaded ("libcurl.so.4: cannot open shared object file ..."), or
// nullopt when it is loaded (loading it if it was not yet). The curl functions fail when it is
// not: curl_easy_init and curl_multi_init return null, the others an error code.
std::optional<std::string> curl_unavailable();
// ": " and that reason, or "" when libcurl is loaded: for messages about a failed start.
inline std::string curl_reason() {
  const auto why = curl_unavailable();
  return why ? ": " + *why : "";
}

}  // namespace netobs
