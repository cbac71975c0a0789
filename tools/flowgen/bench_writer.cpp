#include <cstdio>

#include <fmt/format.h>

#include "endpoints.hpp"
#include "writers.hpp"

namespace flowgen {

Scenario bench_scenario(int namespaces, int workloads_per_namespace, int pods_per_workload) {
  Scenario s;
  s.window_start = 1764000000;
  s.window_end = s.window_start + 86400;
  for (int n = 0; n < 8; ++n) s.nodes.push_back({fmt::format("node-{}", n), fmt::format("10.0.{}.10", n)});
  int ip = 0;
  for (int n = 0; n < namespaces; ++n) {
    for (int w = 0; w < workloads_per_namespace; ++w) {
      WorkloadSpec spec{fmt::format("team-{}", n), "Deployment", fmt::format("svc-{}", w),
                        {{"app.kubernetes.io/name", fmt::format("svc-{}", w)}}, {}, {{"http", 8080}}, {}};
      for (int p = 0; p < pods_per_workload; ++p, ++ip) {
        spec.pods.push_back({fmt::format("svc-{}-5d8f7c9b4-p{:04d}", w, p), fmt::format("10.{}.{}.{}", 1 + ip / 62500, (ip / 250) % 250, ip % 250 + 1),
                             s.nodes[static_cast<std::size_t>(ip) % s.nodes.size()].name, s.window_start - 3600, false});
      }
      s.workloads.push_back(std::move(spec));
    }
  }
  // Each workload calls the next three in its namespace and one in the next namespace.
  for (int n = 0; n < namespaces; ++n) {
    for (int w = 0; w < workloads_per_namespace; ++w) {
      const std::string self = fmt::format("team-{}/svc-{}", n, w);
      for (int k = 1; k <= 3; ++k) {
        s.connections.push_back({self, fmt::format("team-{}/svc-{}", n, (w + k) % workloads_per_namespace), "TCP", 8080});
      }
      s.connections.push_back({self, fmt::format("team-{}/svc-{}", (n + 1) % namespaces, w), "TCP", 8080});
    }
  }
  return s;
}

bool write_bench_records(const Scenario& s, long long records, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return false;
  fmt::memory_buffer buffer;
  fmt::format_to(std::back_inserter(buffer),
                 "version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
                 "log-status tcp-flags pkt-srcaddr pkt-dstaddr flow-direction\n");
  std::vector<std::vector<Endpoint>> clients, servers;
  for (const auto& c : s.connections) {
    clients.push_back(endpoints_of(s, c.client));
    servers.push_back(endpoints_of(s, c.server));
  }
  Random rng(2024);
  bool ok = true;
  for (long long r = 0; r < records && ok; r += 4) {
    const std::size_t ci = rng.below(s.connections.size());
    const Endpoint& client = clients[ci][rng.below(clients[ci].size())];
    const Endpoint& server = servers[ci][rng.below(servers[ci].size())];
    const int sport = static_cast<int>(32768 + rng.below(28232));
    const int port = s.connections[ci].port;
    const long long start = s.window_start + static_cast<long long>(rng.below(86000));
    const unsigned packets = 3 + static_cast<unsigned>(rng.below(60));
    const unsigned bytes = packets * (80 + static_cast<unsigned>(rng.below(1200)));
    const int flags = rng.below(4) == 0 ? 16 : 3;
    const int reply_flags = flags == 16 ? 16 : 19;
    auto line = [&](const std::string& eni, const std::string& src, const std::string& dst, int sp, int dp, int f,
                    const std::string& psrc, const std::string& pdst, const char* dir) {
      fmt::format_to(std::back_inserter(buffer), "5 {} {} {} {} {} 6 {} {} {} {} ACCEPT OK {} {} {} {}\n", eni, src, dst, sp,
                     dp, packets, bytes, start, start + 60, f, psrc, pdst, dir);
    };
    const std::string client_eni = fmt::format("eni-0{:016x}", std::hash<std::string>{}(client.node_ip)).substr(0, 21);
    const std::string server_eni = fmt::format("eni-0{:016x}", std::hash<std::string>{}(server.node_ip)).substr(0, 21);
    const long long left = records - r;
    line(client_eni, client.node_ip, server.ip, sport, port, flags, client.ip, server.ip, "egress");
    if (left > 1) line(client_eni, server.ip, client.node_ip, port, sport, reply_flags, server.ip, client.ip, "ingress");
    if (left > 2) line(server_eni, client.ip, server.node_ip, sport, port, flags, client.ip, server.ip, "ingress");
    if (left > 3) line(server_eni, server.node_ip, client.ip, port, sport, reply_flags, server.ip, client.ip, "egress");
    if (buffer.size() > (1 << 20)) {
      ok = std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
      buffer.clear();
    }
  }
  ok = ok && std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
  return std::fclose(file) == 0 && ok;
}

// Hubble flows of the same scenario until the file holds `megabytes` MB: per connection the
// client's SYN, the server's SYN-ACK reply and the server side's copy, as `hubble observe` shows.
bool write_bench_hubble(const Scenario& s, long long megabytes, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return false;
  std::vector<std::vector<Endpoint>> clients, servers;
  for (const auto& c : s.connections) {
    clients.push_back(endpoints_of(s, c.client));
    servers.push_back(endpoints_of(s, c.server));
  }
  Random rng(2025);
  std::string buffer;
  long long written = 0;
  bool ok = true;
  while (ok && written < megabytes * 1000000) {
    const std::size_t ci = rng.below(s.connections.size());
    const Endpoint& client = clients[ci][rng.below(clients[ci].size())];
    const Endpoint& server = servers[ci][rng.below(servers[ci].size())];
    const int sport = static_cast<int>(32768 + rng.below(28232));
    const int port = s.connections[ci].port;
    const auto t = s.window_start + static_cast<std::int64_t>(rng.below(86000));
    const int nanos = static_cast<int>(rng.below(999999000));
    hubble_line(buffer, s, t, nanos, client, server, "TCP", sport, port, "SYN", false, "EGRESS");
    hubble_line(buffer, s, t, nanos + 1, server, client, "TCP", port, sport, "SYN, ACK", true, "EGRESS");
    hubble_line(buffer, s, t, nanos + 2, client, server, "TCP", sport, port, "ACK, PSH", false, "INGRESS");
    if (buffer.size() > (1 << 20)) {
      ok = std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
      written += static_cast<long long>(buffer.size());
      buffer.clear();
    }
  }
  ok = ok && std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
  return std::fclose(file) == 0 && ok;
}

}  // namespace flowgen
