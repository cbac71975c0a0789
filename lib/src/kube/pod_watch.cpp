// Watching pods during a collection: one thread per listed scope follows watch=1 from the
// list's resourceVersion, re-watches from the last version seen when the server ends a watch,
// and lists again when the version is too old (410 Gone).
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include <netobs/clock.hpp>
#include <netobs/kube.hpp>

#include "kube/api_client.hpp"
#include "util/backoff.hpp"

namespace netobs {
namespace {

using nlohmann::json;

std::string pod_key(const json& pod) {
  const json& metadata = k8s::field(pod, "metadata");
  return k8s::namespace_of(metadata) + "/" + k8s::string_at(metadata, "name");
}

}  // namespace

struct PodWatch::Impl {
  Impl(kube::KubeTarget target, const ClusterReadOptions& options) : client(std::move(target), options) {}

  kube::Client client;
  std::mutex client_mutex;  // the client (and the exec-credential cache behind it) serves one thread at a time
  std::atomic<bool> stop{false};
  mutable std::mutex mutex;
  std::vector<PodEvent> events;
  std::vector<std::string> notes;
  std::vector<std::jthread> threads;

  void push(PodEvent event) {
    event.time = now_seconds();
    std::lock_guard lock(mutex);
    events.push_back(std::move(event));
  }
  void note(std::string text) {
    std::lock_guard lock(mutex);
    notes.push_back(std::move(text));
  }

  // Waits `seconds`, or less when stopped; false when stopped.
  bool pause(double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
      if (stop) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return !stop;
  }

  // Lists `scope` again: every pod is an upsert, then one relisted event says which exist.
  bool relist(const std::string& scope, std::string& version) {
    const kube::Resource* pods = nullptr;
    for (const auto& resource : kube::k_resources) {
      if (std::string_view(resource.plural) == "pods") pods = &resource;
    }
    Result<std::vector<json>> listed = [&] {
      std::lock_guard lock(client_mutex);
      return client.list(*pods, scope, &version);
    }();
    if (!listed) {
      note(fmt::format("pods: listing again after the watch expired failed: {}", describe(listed.error())));
      return false;
    }
    PodEvent relisted{PodEvent::Type::relisted, {}, scope, {}, 0};
    for (const auto& pod : *listed) {
      relisted.present.push_back(pod_key(pod));
      push({PodEvent::Type::upsert, k8s::to_json_text(pod), {}, {}, 0});
    }
    push(std::move(relisted));
    note(fmt::format("pods{}: the watch expired (410 Gone); listed again", scope.empty() ? "" : " in " + scope));
    return true;
  }

  void run(const std::string& scope, std::string version) {
    const std::string base =
        client.target().server + "/api/v1" + (scope.empty() ? "" : "/namespaces/" + kube::url_escape(scope)) + "/pods";
    int failures = 0;
    const int max_failures = std::max(1, client.options().max_attempts);
    Backoff backoff(1.0, client.options().max_backoff);
    while (!stop) {
      const std::string url = fmt::format("{}?watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion={}",
                                          base, kube::url_escape(version));
      bool gone = false;
      auto request = [&] {
        std::lock_guard lock(client_mutex);
        return client.request_for(url);
      }();
      Result<kube::StreamResult> streamed = request ? Result<kube::StreamResult>{} : tl::unexpected(request.error());
      if (request) {
        request->first.max_body_bytes = 64ULL << 20;  // one event
        streamed = kube::http_stream(
            request->first, request->second, 330,
            [&](std::string_view line) {
              auto event = parse_json(std::string(line), url);
              if (!event || !event->is_object()) return true;  // not an event: skipped
              const std::string type = k8s::string_at(*event, "type");
              const json& object = k8s::field(*event, "object");
              if (type == "ERROR") {
                gone = k8s::field(object, "code") == 410;
                return false;
              }
              const std::string seen = k8s::string_at(k8s::field(object, "metadata"), "resourceVersion");
              if (!seen.empty()) version = seen;
              if (type == "ADDED" || type == "MODIFIED")
                push({PodEvent::Type::upsert, k8s::to_json_text(object), {}, {}, 0});
              if (type == "DELETED") push({PodEvent::Type::deleted, k8s::to_json_text(object), {}, {}, 0});
              return true;  // BOOKMARK: only the version
            },
            stop);
      }
      if (stop) return;
      if (streamed && streamed->status == 410) gone = true;
      if (gone) {
        if (relist(scope, version)) {
          failures = 0;
          continue;
        }
      } else if (streamed && streamed->status == 200) {
        failures = 0;  // the server ended the watch (timeoutSeconds): watch on from `version`
        continue;
      }
      if (++failures >= max_failures) {
        const std::string why =
            !streamed ? describe(streamed.error()) : fmt::format("{}: HTTP {}", base, streamed->status);
        note(
            fmt::format("pods: watching stopped after {} failed attempts ({}); pods that started later are "
                        "unknown to attribution",
                        failures, why));
        return;
      }
      if (!pause(backoff.delay(failures))) return;
    }
  }
};

PodWatch::PodWatch(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

PodWatch::~PodWatch() {
  m_impl->stop = true;
  m_impl->threads.clear();  // joins
}

Result<std::unique_ptr<PodWatch>> PodWatch::start(const ClusterReadOptions& options, const ClusterSnapshot& snapshot) {
  kube::KubeconfigOptions config;
  config.kubeconfig = options.kubeconfig;
  config.context = options.context;
  auto target = kube::resolve_target(kube::with_environment(config));
  if (!target) return tl::unexpected(target.error());
  auto impl = std::make_unique<Impl>(std::move(*target), options);
  Impl* raw = impl.get();
  for (const auto& [scope, version] : snapshot.pod_versions) {
    raw->threads.emplace_back([raw, scope = scope, version = version] { raw->run(scope, version); });
  }
  return std::unique_ptr<PodWatch>(new PodWatch(std::move(impl)));
}

std::vector<PodEvent> PodWatch::take() {
  std::lock_guard lock(m_impl->mutex);
  return std::exchange(m_impl->events, {});
}

std::vector<std::string> PodWatch::notes() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->notes;
}

}  // namespace netobs
