#include "kube/kubeconfig.hpp"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include <netobs/option.hpp>

#include "util/base64.hpp"
#include "util/document.hpp"
#include "util/k8s_json.hpp"

namespace netobs::kube {
namespace {

namespace fs = std::filesystem;
using k8s::field;
using k8s::string_at;
using nlohmann::json;

struct Named {
  json value;
  std::string file;  // relative paths in it resolve against this file's folder
};

struct Merged {
  std::map<std::string, Named> clusters;
  std::map<std::string, Named> users;
  std::map<std::string, Named> contexts;
  std::string current_context;
  std::vector<std::string> files;
};

// kubectl's merge: the first file to define a name (or current-context) wins.
Result<void> merge_file(const std::string& path, Merged& merged) {
  auto text = read_text_file(path);
  if (!text) return tl::unexpected(text.error());
  auto documents = parse_documents(*text, path);
  if (!documents) return tl::unexpected(documents.error());
  if (documents->empty()) return {};
  if (documents->size() != 1 || !documents->front().is_object()) {
    return make_error(ErrorKind::invalid_input, fmt::format("{}: not a kubeconfig (expected one mapping)", path));
  }
  const json& config = documents->front();
  merged.files.push_back(path);
  auto add = [&](const char* list, const char* item, std::map<std::string, Named>& into) {
    const json& entries = field(config, list);
    if (!entries.is_array()) return;
    for (const auto& entry : entries) {
      const std::string name = string_at(entry, "name");
      if (!name.empty()) into.try_emplace(name, Named{field(entry, item), path});
    }
  };
  add("clusters", "cluster", merged.clusters);
  add("users", "user", merged.users);
  add("contexts", "context", merged.contexts);
  if (merged.current_context.empty()) merged.current_context = string_at(config, "current-context");
  return {};
}

std::string resolve_path(const std::string& path, const std::string& file) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(file).parent_path() / path).string();
}

// A PEM from `<key>-data` (base64) or the file at `<key>`.
Result<std::string> pem_of(const Named& named, const char* key, const std::string& what) {
  const std::string data = string_at(named.value, (std::string(key) + "-data").c_str());
  if (!data.empty()) {
    auto decoded = base64_decode(data);
    if (!decoded) {
      return make_error(ErrorKind::invalid_input,
                        fmt::format("{}: {}-data of the {} is not base64", named.file, key, what));
    }
    return *decoded;
  }
  const std::string path = resolve_path(string_at(named.value, key), named.file);
  if (path.empty()) return std::string{};
  auto text = read_text_file(path);
  if (!text) {
    return make_error(ErrorKind::io,
                      fmt::format("{}: {} of the {}: {}", named.file, key, what, describe(text.error())));
  }
  return *text;
}

Result<ExecConfig> exec_of(const Named& user) {
  const json& exec = field(user.value, "exec");
  ExecConfig config;
  config.origin = user.file;
  config.api_version = string_at(exec, "apiVersion");
  config.command = string_at(exec, "command");
  config.interactive_mode = string_at(exec, "interactiveMode");
  if (config.command.empty())
    return make_error(ErrorKind::invalid_input, fmt::format("{}: exec plugin without a command", user.file));
  if (config.api_version != "client.authentication.k8s.io/v1" &&
      config.api_version != "client.authentication.k8s.io/v1beta1") {
    return make_error(ErrorKind::invalid_input,
                      fmt::format("{}: exec plugin apiVersion '{}' is not client.authentication.k8s.io/v1 or v1beta1",
                                  user.file, config.api_version));
  }
  // A command with a slash is relative to the kubeconfig's folder; a bare name is looked up in PATH.
  if (config.command.find('/') != std::string::npos) config.command = resolve_path(config.command, user.file);
  if (const json& args = field(exec, "args"); args.is_array()) {
    for (const auto& arg : args) {
      if (arg.is_string()) config.args.push_back(arg.get<std::string>());
    }
  }
  if (const json& env = field(exec, "env"); env.is_array()) {
    for (const auto& entry : env) config.env.emplace_back(string_at(entry, "name"), string_at(entry, "value"));
  }
  return config;
}

Result<KubeTarget> in_cluster(const KubeconfigOptions& options) {
  if (!options.service_host || !options.service_port || !fs::exists(options.service_account_dir + "/token")) {
    // Nothing to read the cluster with: an input missing, as a missing file is (exit 3).
    return make_error(ErrorKind::no_cluster_config,
                      fmt::format("no kubeconfig: give {}, set KUBECONFIG or create ~/.kube/config (or run in a pod "
                                  "with a service account)",
                                  spell(Option::kubeconfig)));
  }
  KubeTarget target;
  std::string host = *options.service_host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  target.server = fmt::format("https://{}:{}", host, *options.service_port);
  target.context = "in-cluster";
  target.user = "service account";
  target.token_file = options.service_account_dir + "/token";
  auto ca = read_text_file(options.service_account_dir + "/ca.crt");
  if (!ca) return tl::unexpected(ca.error());
  target.tls.ca_pem = *ca;
  return target;
}

std::vector<std::string> split_path_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t colon = text.find(':', pos);
    if (colon == std::string::npos) colon = text.size();
    if (colon > pos) out.push_back(text.substr(pos, colon - pos));
    pos = colon + 1;
  }
  return out;
}

}  // namespace

KubeconfigOptions with_environment(KubeconfigOptions options) {
  auto env = [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
  if (!options.env_kubeconfig) options.env_kubeconfig = env("KUBECONFIG");
  if (!options.home) options.home = env("HOME");
  if (!options.service_host) options.service_host = env("KUBERNETES_SERVICE_HOST");
  if (!options.service_port) options.service_port = env("KUBERNETES_SERVICE_PORT");
  return options;
}

Result<KubeTarget> resolve_target(const KubeconfigOptions& options) {
  std::vector<std::string> files;
  if (!options.kubeconfig.empty()) {
    files.push_back(options.kubeconfig);
  } else if (options.env_kubeconfig && !options.env_kubeconfig->empty()) {
    for (const auto& path : split_path_list(*options.env_kubeconfig)) {
      if (fs::exists(path)) files.push_back(path);  // kubectl ignores missing entries of the list
    }
  } else if (options.home && fs::exists(*options.home + "/.kube/config")) {
    files.push_back(*options.home + "/.kube/config");
  }
  if (files.empty()) return in_cluster(options);

  Merged merged;
  for (const auto& path : files) {
    if (auto ok = merge_file(path, merged); !ok) return tl::unexpected(ok.error());
  }
  const std::string where = fmt::format("{}", fmt::join(merged.files, ":"));
  const std::string context_name = options.context.empty() ? merged.current_context : options.context;
  if (context_name.empty()) {
    return make_error(ErrorKind::usage, fmt::format("{}: no current-context; give {}", where, spell(Option::context)));
  }
  auto context = merged.contexts.find(context_name);
  if (context == merged.contexts.end()) {
    return make_error(ErrorKind::usage, fmt::format("{}: no context named '{}'", where, context_name));
  }
  const std::string cluster_name = string_at(context->second.value, "cluster");
  const std::string user_name = string_at(context->second.value, "user");
  auto cluster = merged.clusters.find(cluster_name);
  if (cluster == merged.clusters.end()) {
    return make_error(ErrorKind::invalid_input, fmt::format("{}: context '{}' names cluster '{}', which is not defined",
                                                            where, context_name, cluster_name));
  }
  KubeTarget target;
  target.context = context_name;
  target.user = user_name;
  target.server = string_at(cluster->second.value, "server");
  while (target.server.ends_with('/')) target.server.pop_back();
  if (!target.server.starts_with("https://") && !target.server.starts_with("http://")) {
    return make_error(ErrorKind::invalid_input, fmt::format("{}: cluster '{}' has no http(s) server address",
                                                            cluster->second.file, cluster_name));
  }
  target.tls.insecure = field(cluster->second.value, "insecure-skip-tls-verify") == true;
  target.tls.server_name = string_at(cluster->second.value, "tls-server-name");
  target.tls.proxy_url = string_at(cluster->second.value, "proxy-url");
  auto ca = pem_of(cluster->second, "certificate-authority", "cluster '" + cluster_name + "'");
  if (!ca) return tl::unexpected(ca.error());
  target.tls.ca_pem = *ca;

  if (user_name.empty()) return target;
  auto user = merged.users.find(user_name);
  if (user == merged.users.end()) {
    return make_error(ErrorKind::invalid_input, fmt::format("{}: context '{}' names user '{}', which is not defined",
                                                            where, context_name, user_name));
  }
  const std::string what = "user '" + user_name + "'";
  target.token = string_at(user->second.value, "token");
  target.token_file = resolve_path(string_at(user->second.value, "tokenFile"), user->second.file);
  auto cert = pem_of(user->second, "client-certificate", what);
  if (!cert) return tl::unexpected(cert.error());
  auto key = pem_of(user->second, "client-key", what);
  if (!key) return tl::unexpected(key.error());
  if (cert->empty() != key->empty()) {
    return make_error(ErrorKind::invalid_input,
                      fmt::format("{}: {} has a client certificate or key without the other", user->second.file, what));
  }
  target.tls.client_cert_pem = *cert;
  target.tls.client_key_pem = *key;
  if (field(user->second.value, "exec").is_object()) {
    auto exec = exec_of(user->second);
    if (!exec) return tl::unexpected(exec.error());
    target.exec = *exec;
  }
  return target;
}

}  // namespace netobs::kube
