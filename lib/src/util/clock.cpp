#include <atomic>
#include <chrono>

#include <netobs/clock.hpp>

namespace netobs {
namespace {

// Read by the ingest threads too, so atomic; k_follow_system_clock means "ask the system clock".
constexpr std::int64_t k_follow_system_clock = INT64_MIN;
std::atomic<std::int64_t> g_fixed_now{k_follow_system_clock};

}  // namespace

std::int64_t now_seconds() {
  const std::int64_t fixed = g_fixed_now.load(std::memory_order_relaxed);
  if (fixed != k_follow_system_clock) return fixed;
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void set_fixed_now(std::optional<std::int64_t> seconds) {
  g_fixed_now.store(seconds.value_or(k_follow_system_clock), std::memory_order_relaxed);
}

}  // namespace netobs
