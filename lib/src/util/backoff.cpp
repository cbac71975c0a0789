#include "util/backoff.hpp"

#include <algorithm>

namespace netobs {

Backoff::Backoff(double first, double longest) : m_first(first), m_longest(longest), m_random(std::random_device{}()) {}

double Backoff::delay(int failures, std::optional<double> retry_after) {
  // Doubling stops at 2^16: the cap is reached long before, and the shift stays defined.
  const double doubled = m_first * static_cast<double>(1U << std::clamp(failures - 1, 0, 16));
  const double ceiling = std::min(m_longest, doubled);
  const double jittered = std::uniform_real_distribution<double>(ceiling / 2, ceiling)(m_random);
  return std::max(jittered, std::max(0.0, retry_after.value_or(0.0)));
}

}  // namespace netobs
