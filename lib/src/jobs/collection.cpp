// Collecting flows for recommend and graph: the state that attributes them, the pods a followed
// collection watches, and the sources read until they end or the collection is ended.
#include <algorithm>
#include <memory>

#include <netobs/job.hpp>
#include <netobs/kube.hpp>

namespace netobs {
namespace {

// Whether the collection waits on its sources (following them, or agents that stream): only then
// do progress, a stop request and an agent that stays away end it with what was collected.
bool waits_on_sources(const ObserveOptions& observe) {
  return observe.ingest.collect.follow || std::any_of(observe.sources.begin(), observe.sources.end(),
                                                      [](const auto& source) { return is_url_source(source); });
}

// Marks the front end's stop running while the collection runs.
class RunningStop {
 public:
  explicit RunningStop(CollectStop* stop) : m_stop(stop) {
    if (m_stop != nullptr) m_stop->set_running(true);
  }
  ~RunningStop() {
    if (m_stop != nullptr) m_stop->set_running(false);
  }
  RunningStop(const RunningStop&) = delete;
  RunningStop& operator=(const RunningStop&) = delete;

 private:
  CollectStop* m_stop;
};

}  // namespace

std::optional<Collected> collect_flows(JobResult& result, const FlowCollection& flows, StateViews views,
                                       const CollectFrontEnd& front_end) {
  StateOptions state_options = flows.state;
  state_options.views = views;
  auto state = load_job_state(result, state_options);
  if (!state) return std::nullopt;
  ObserveOptions observe_options = flows.observe;
  for (const auto& path : state->inventory_files) observe_options.ingest.exclude.emplace_back(path);
  CollectOptions& collect = observe_options.ingest.collect;
  std::unique_ptr<PodWatch> pod_watch;
  if (state->cluster && collect.follow) {
    // Pods come and go during a long collection: watch them, so every address's history is known.
    auto watch = PodWatch::start(state_options.cluster, *state->cluster);
    if (!watch) {
      result.fail(watch.error());
      return std::nullopt;
    }
    pod_watch = std::move(*watch);
    collect.refresh = [&pod_watch, &inventory = state->inventory] {
      auto events = pod_watch->take();
      inventory.apply_pod_events(events);
      return !events.empty();
    };
  }
  const bool waits = waits_on_sources(observe_options);
  if (waits) {
    collect.progress = front_end.progress;
    collect.progress_every = front_end.progress_every;
    // An agent that stays away ends a collection as a stop request would: what came before is kept.
    collect.keep_after_failure = true;
  }
  collect.stop = front_end.stop;
  if (front_end.before_collecting) {
    front_end.before_collecting(result.loads, result.messages);
    result.loads.clear();
    result.messages.clear();
  }
  auto observed = [&] {
    const RunningStop running(waits ? front_end.stop : nullptr);
    return observe(observe_options, state->inventory);
  }();
  if (pod_watch) {
    for (const auto& note : pod_watch->notes()) result.note(note);
    pod_watch.reset();
  }
  if (!observed) {
    result.fail(observed.error());
    return std::nullopt;
  }
  const IngestSummary& summary = observed->summary;
  if (!summary.failure.empty() && summary.records_used == 0) {
    result.fail(JobExit::input_error, summary.failure);  // nothing was collected: nothing to write
    return std::nullopt;
  }
  for (const auto& note : summary.notes) result.note(note);
  return Collected{std::move(*state), std::move(*observed)};
}

}  // namespace netobs
