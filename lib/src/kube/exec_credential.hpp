// Exec credential plugins (client.authentication.k8s.io ExecCredential), as `aws eks get-token`
// and friends: run the command, read its credential, keep it until it expires.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <netobs/error.hpp>

#include "kube/kubeconfig.hpp"

namespace netobs::kube {

struct Credential {
  std::string token;
  std::string client_cert_pem;
  std::string client_key_pem;
  std::optional<std::int64_t> expires;  // Unix seconds
};

// Runs the plugin (never interactively: its stdin is /dev/null and KUBERNETES_EXEC_INFO says so)
// with a time limit and a bound on its output. Within one process a credential is reused until
// its expirationTimestamp. Errors name the plugin's command and the kubeconfig, never the token.
Result<Credential> exec_credential(const ExecConfig& config, const std::string& server);

// The credential in a plugin's output `text` (an ExecCredential of `api_version`); errors name
// `plugin`, never the token.
Result<Credential> parse_exec_credential(const std::string& text, const std::string& api_version,
                                         const std::string& plugin);

// Forgets cached credentials (after a 401, or in tests).
void forget_credentials();

}  // namespace netobs::kube
