// The one backoff of every retry loop (agent streams, Prometheus queries, the Kubernetes API, pod
// watches): exponential, capped, with jitter, so that many collectors restarting together do not
// hammer a server in step.
#pragma once

#include <optional>
#include <random>

namespace netobs {

class Backoff {
 public:
  // `first`: the ceiling of the wait after the first failure; each further failure doubles it, up
  // to `longest` seconds.
  Backoff(double first, double longest);

  // Seconds to wait after `failures` consecutive failures (1 for the first): drawn from the upper
  // half of the ceiling; a server's Retry-After wins when it asks for longer.
  double delay(int failures, std::optional<double> retry_after = std::nullopt);

  double longest() const { return m_longest; }

 private:
  double m_first;
  double m_longest;
  std::mt19937 m_random;
};

}  // namespace netobs
