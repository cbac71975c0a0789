#include "kube/exec_credential.hpp"

#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <netobs/time.hpp>

#include "util/document.hpp"
#include "util/k8s_json.hpp"
#include "util/subprocess.hpp"

namespace netobs::kube {
namespace {

using nlohmann::json;

constexpr std::size_t k_max_output = 1U << 20;
constexpr int k_timeout_ms = 60'000;

std::mutex g_mutex;
std::map<std::string, Credential> g_cache;  // by command, args and server

std::string cache_key(const ExecConfig& config, const std::string& server) {
  return fmt::format("{}\n{}\n{}", config.command, fmt::join(config.args, "\n"), server);
}

}  // namespace

void forget_credentials() {
  const std::lock_guard lock(g_mutex);
  g_cache.clear();
}

Result<Credential> parse_exec_credential(const std::string& text, const std::string& api_version,
                                         const std::string& plugin) {
  const json credential = parse_json(text, plugin).value_or(json());
  const json& status = k8s::field(credential, "status");
  if (k8s::string_at(credential, "kind") != "ExecCredential" || !status.is_object()) {
    return make_error(ErrorKind::invalid_input,
                      fmt::format("{}: did not print an ExecCredential with a status", plugin));
  }
  if (const std::string version = k8s::string_at(credential, "apiVersion"); version != api_version) {
    return make_error(ErrorKind::invalid_input, fmt::format("{}: printed apiVersion '{}', the kubeconfig asks for '{}'",
                                                            plugin, version, api_version));
  }
  Credential result;
  result.token = k8s::string_at(status, "token");
  result.client_cert_pem = k8s::string_at(status, "clientCertificateData");
  result.client_key_pem = k8s::string_at(status, "clientKeyData");
  if (result.token.empty() && (result.client_cert_pem.empty() || result.client_key_pem.empty())) {
    return make_error(
        ErrorKind::invalid_input,
        fmt::format("{}: the ExecCredential has neither a token nor a client certificate and key", plugin));
  }
  if (const std::string expires = k8s::string_at(status, "expirationTimestamp"); !expires.empty()) {
    result.expires = parse_rfc3339(expires);
    if (!result.expires) {
      return make_error(ErrorKind::invalid_input, fmt::format("{}: expirationTimestamp is not RFC 3339", plugin));
    }
  }
  return result;
}

Result<Credential> exec_credential(const ExecConfig& config, const std::string& server) {
  const std::string key = cache_key(config, server);
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  {
    const std::lock_guard lock(g_mutex);
    if (auto it = g_cache.find(key); it != g_cache.end() && (!it->second.expires || *it->second.expires > now + 10)) {
      return it->second;
    }
  }
  const std::string plugin = fmt::format("exec plugin '{}' (from {})", config.command, config.origin);
  if (config.interactive_mode == "Always") {
    return make_error(ErrorKind::usage,
                      fmt::format("{} needs an interactive terminal (interactiveMode: Always)", plugin));
  }
  json info = {{"apiVersion", config.api_version}, {"kind", "ExecCredential"}, {"spec", {{"interactive", false}}}};
  std::vector<std::string> env{"KUBERNETES_EXEC_INFO=" + info.dump()};
  for (const auto& [name, value] : config.env) env.push_back(name + "=" + value);
  std::vector<std::string> argv{config.command};
  argv.insert(argv.end(), config.args.begin(), config.args.end());
  const SubprocessResult output = run_subprocess(argv, env, "", SubprocessLimits{k_timeout_ms, k_max_output});
  if (output.exec_errno != 0) {
    return make_error(ErrorKind::io, fmt::format("{}: cannot run: {}", plugin, std::strerror(output.exec_errno)));
  }
  if (output.timed_out)
    return make_error(ErrorKind::timeout, fmt::format("{}: no answer within {} s", plugin, k_timeout_ms / 1000));
  if (output.too_large)
    return make_error(ErrorKind::invalid_input, fmt::format("{}: printed more than {} bytes", plugin, k_max_output));
  if (output.status != 0) {
    const std::string first_line = first_error_line(output);
    return make_error(ErrorKind::io, fmt::format("{}: exited with status {}{}{}", plugin, output.status,
                                                 first_line.empty() ? "" : ": ", first_line));
  }
  auto result = parse_exec_credential(output.out, config.api_version, plugin);
  if (!result) return result;
  const std::lock_guard lock(g_mutex);
  g_cache[key] = *result;
  return result;
}

}  // namespace netobs::kube
