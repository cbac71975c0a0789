#include <algorithm>

#include <netobs/edge.hpp>

namespace netobs {

std::size_t EdgeKeyHash::operator()(const EdgeKey& key) const {
  const IpAddressHash ip_hash;
  std::uint64_t h = ip_hash(key.client) * 31 + ip_hash(key.server);
  h ^= (static_cast<std::uint64_t>(key.port) << 32 | static_cast<std::uint64_t>(key.protocol) << 16) +
       0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= (static_cast<std::uint64_t>(key.client_identity) << 32 | key.server_identity) * 0xff51afd7ed558ccdULL;
  return static_cast<std::size_t>(h ^ (h >> 29));
}

void EdgeStats::merge(const EdgeStats& other) {
  flows += other.flows;
  packets += other.packets;
  bytes += other.bytes;
  if (other.first_seen && (!first_seen || other.first_seen < first_seen)) first_seen = other.first_seen;
  if (other.last_seen > last_seen) last_seen = other.last_seen;
}

void EdgeCounters::add(Observation observation, const EdgeStats& stats) {
  const auto i = static_cast<std::size_t>(observation);
  flows[i] += stats.flows;
  packets[i] += stats.packets;
  bytes[i] += stats.bytes;
  if (stats.first_seen && (!first_seen || stats.first_seen < first_seen)) first_seen = stats.first_seen;
  if (stats.last_seen > last_seen) last_seen = stats.last_seen;
}

void EdgeCounters::merge(const EdgeCounters& other) {
  for (std::size_t i = 0; i < 3; ++i) {
    add(static_cast<Observation>(i), EdgeStats{other.flows[i], other.packets[i], other.bytes[i], 0, 0});
  }
  add(Observation::unknown, EdgeStats{0, 0, 0, other.first_seen, other.last_seen});
  records += other.records;
}

EdgeStats EdgeCounters::total() const {
  constexpr auto k_u = static_cast<std::size_t>(Observation::unknown);
  constexpr auto k_e = static_cast<std::size_t>(Observation::egress);
  constexpr auto k_n = static_cast<std::size_t>(Observation::ingress);
  return EdgeStats{flows[k_u] + std::max(flows[k_e], flows[k_n]), packets[k_u] + std::max(packets[k_e], packets[k_n]),
                   bytes[k_u] + std::max(bytes[k_e], bytes[k_n]), first_seen, last_seen};
}

}  // namespace netobs
