#include "kube/exec_credential.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/document.hpp"
#include "util/k8s_json.hpp"
#include <netobs/time.hpp>

extern char** environ;

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

struct Output {
  int status = -1;
  std::string out;
  std::string err;
  bool timed_out = false;
  bool too_large = false;
  int exec_errno = 0;
};

// Runs argv with `env` added to the environment, stdin from /dev/null.
Output run(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  Output result;
  int out_pipe[2];
  int err_pipe[2];
  int exec_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 || pipe2(exec_pipe, O_CLOEXEC) != 0) {
    result.exec_errno = errno;
    return result;
  }
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) environment.emplace_back(*e);
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  envp.reserve(environment.size() + 1);
  for (const auto& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    execvpe(args[0], args.data(), envp.data());
    const int error = errno;
    (void)!write(exec_pipe[1], &error, sizeof error);
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(exec_pipe[1]);
  if (pid < 0) {
    result.exec_errno = errno;
    close(out_pipe[0]);
    close(err_pipe[0]);
    close(exec_pipe[0]);
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(k_timeout_ms);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  while (open_fds > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    if (poll(fds, 2, static_cast<int>(left)) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[8192];
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      if (sinks[i]->size() + static_cast<std::size_t>(n) > k_max_output) {
        result.too_large = true;
        open_fds = 0;
        break;
      }
      sinks[i]->append(buffer, static_cast<std::size_t>(n));
    }
  }
  for (auto& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  if (result.timed_out || result.too_large) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  int error = 0;
  if (read(exec_pipe[0], &error, sizeof error) == static_cast<ssize_t>(sizeof error)) result.exec_errno = error;
  close(exec_pipe[0]);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace

void forget_credentials() {
  const std::lock_guard lock(g_mutex);
  g_cache.clear();
}

Result<Credential> parse_exec_credential(const std::string& text, const std::string& api_version, const std::string& plugin) {
  const json credential = parse_json(text, plugin).value_or(json());
  const json& status = k8s::field(credential, "status");
  if (k8s::string_at(credential, "kind") != "ExecCredential" || !status.is_object()) {
    return make_error(ErrorKind::invalid_input, fmt::format("{}: did not print an ExecCredential with a status", plugin));
  }
  if (const std::string version = k8s::string_at(credential, "apiVersion"); version != api_version) {
    return make_error(ErrorKind::invalid_input, fmt::format("{}: printed apiVersion '{}', the kubeconfig asks for '{}'", plugin,
                                                            version, api_version));
  }
  Credential result;
  result.token = k8s::string_at(status, "token");
  result.client_cert_pem = k8s::string_at(status, "clientCertificateData");
  result.client_key_pem = k8s::string_at(status, "clientKeyData");
  if (result.token.empty() && (result.client_cert_pem.empty() || result.client_key_pem.empty())) {
    return make_error(ErrorKind::invalid_input,
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
    return make_error(ErrorKind::usage, fmt::format("{} needs an interactive terminal (interactiveMode: Always)", plugin));
  }
  json info = {{"apiVersion", config.api_version}, {"kind", "ExecCredential"}, {"spec", {{"interactive", false}}}};
  std::vector<std::string> env{"KUBERNETES_EXEC_INFO=" + info.dump()};
  for (const auto& [name, value] : config.env) env.push_back(name + "=" + value);
  std::vector<std::string> argv{config.command};
  argv.insert(argv.end(), config.args.begin(), config.args.end());
  const Output output = run(argv, env);
  if (output.exec_errno != 0) {
    return make_error(ErrorKind::io, fmt::format("{}: cannot run: {}", plugin, std::strerror(output.exec_errno)));
  }
  if (output.timed_out) return make_error(ErrorKind::timeout, fmt::format("{}: no answer within {} s", plugin, k_timeout_ms / 1000));
  if (output.too_large) return make_error(ErrorKind::invalid_input, fmt::format("{}: printed more than {} bytes", plugin, k_max_output));
  if (output.status != 0) {
    std::string first_line = output.err.substr(0, output.err.find('\n'));
    if (first_line.size() > 300) first_line.resize(300);
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
