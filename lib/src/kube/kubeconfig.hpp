// kubeconfig as kubectl reads it: the files (--kubeconfig, else $KUBECONFIG as a path list merged
// in order, else ~/.kube/config), the context (--context, else current-context), its cluster and
// user; or, in a pod with no kubeconfig, the service account.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <netobs/error.hpp>

#include "kube/http.hpp"

namespace netobs::kube {

struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or v1beta1
  std::string command;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string interactive_mode;  // Never, IfAvailable, Always
  std::string origin;            // the kubeconfig file it came from, for messages
};

// What one request needs to reach the API server as the chosen user.
struct KubeTarget {
  std::string server;   // "https://host:port", no trailing slash
  std::string context;  // the context's name, or "in-cluster"
  std::string user;     // the user's name, for messages (never a secret)
  TlsSettings tls;
  std::string token;       // a bearer token (token or tokenFile)
  std::string token_file;  // re-read on each run, as kubectl does for rotating tokens
  std::optional<ExecConfig> exec;
};

struct KubeconfigOptions {
  std::string kubeconfig;  // --kubeconfig
  std::string context;     // --context
  // Where $KUBECONFIG, $HOME and the service-account files are read; tests point them elsewhere.
  std::optional<std::string> env_kubeconfig;
  std::optional<std::string> home;
  std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
  std::optional<std::string> service_host;  // $KUBERNETES_SERVICE_HOST
  std::optional<std::string> service_port;  // $KUBERNETES_SERVICE_PORT
};

// The target for `options`: reads and merges the kubeconfig files. Errors (invalid_input or io)
// name the file and what is missing: no context, unknown cluster or user, unreadable CA.
Result<KubeTarget> resolve_target(const KubeconfigOptions& options);

// Fills in `options`' environment fields from the process environment.
KubeconfigOptions with_environment(KubeconfigOptions options);

}  // namespace netobs::kube
