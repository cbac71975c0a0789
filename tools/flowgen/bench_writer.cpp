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
      WorkloadSpec spec{fmt::format("team-{}", n),
                        "Deployment",
                        fmt::format("svc-{}", w),
                        {{"app.kubernetes.io/name", fmt::format("svc-{}", w)}},
                        {},
                        {{"http", 8080}},
                        {}};
      for (int p = 0; p < pods_per_workload; ++p, ++ip) {
        spec.pods.push_back({fmt::format("svc-{}-5d8f7c9b4-p{:04d}", w, p),
                             fmt::format("10.{}.{}.{}", 1 + ip / 62500, (ip / 250) % 250, ip % 250 + 1),
                             s.nodes[static_cast<std::size_t>(ip) % s.nodes.size()].name, s.window_start - 3600,
                             false});
      }
      s.workloads.push_back(std::move(spec));
    }
  }
  // Cluster DNS as every cluster has it: recommend's default DNS egress selects the pods of the
  // kube-dns Service, and refuses an inventory without them (the bench would time an error).
  s.workloads.push_back({"kube-system",
                         "Deployment",
                         "coredns",
                         {{"k8s-app", "kube-dns"}},
                         {},
                         {{"dns", 53}},
                         {{"coredns-5b6c7d8e9-bench1", "10.200.0.53", s.nodes[0].name, s.window_start - 3600, false}},
                         false,
                         "5b6c7d8e9"});
  s.services.push_back(
      {"kube-system", "kube-dns", "172.20.0.10", {{"k8s-app", "kube-dns"}}, {{"UDP", 53, "53"}, {"TCP", 53, "53"}}});
  // Each workload calls the next three in its namespace and one in the next namespace.
  for (int n = 0; n < namespaces; ++n) {
    for (int w = 0; w < workloads_per_namespace; ++w) {
      const std::string self = fmt::format("team-{}/svc-{}", n, w);
      for (int k = 1; k <= 3; ++k) {
        s.connections.push_back(
            {self, fmt::format("team-{}/svc-{}", n, (w + k) % workloads_per_namespace), "TCP", 8080});
      }
      s.connections.push_back({self, fmt::format("team-{}/svc-{}", (n + 1) % namespaces, w), "TCP", 8080});
    }
  }
  return s;
}

namespace {

// One connection of the scenario drawn at random: which pods, the client's ephemeral port and
// when. Both bench writers draw alike, so their files describe the same traffic.
struct BenchConnection {
  const Endpoint& client;
  const Endpoint& server;
  int client_port;
  int port;
  long long start;
};

class BenchConnections {
 public:
  explicit BenchConnections(const Scenario& s) : m_scenario(s) {
    for (const auto& c : s.connections) {
      m_clients.push_back(endpoints_of(s, c.client));
      m_servers.push_back(endpoints_of(s, c.server));
    }
  }
  BenchConnection pick(Random& rng) const {
    const std::size_t ci = rng.below(m_scenario.connections.size());
    const Endpoint& client = m_clients[ci][rng.below(m_clients[ci].size())];
    const Endpoint& server = m_servers[ci][rng.below(m_servers[ci].size())];
    const int client_port = static_cast<int>(32768 + rng.below(28232));
    return {client, server, client_port, m_scenario.connections[ci].port,
            m_scenario.window_start + static_cast<long long>(rng.below(86000))};
  }

 private:
  const Scenario& m_scenario;
  std::vector<std::vector<Endpoint>> m_clients;
  std::vector<std::vector<Endpoint>> m_servers;
};

}  // namespace

bool write_bench_records(const Scenario& s, long long records, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return false;
  fmt::memory_buffer buffer;
  fmt::format_to(std::back_inserter(buffer),
                 "version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
                 "log-status tcp-flags pkt-srcaddr pkt-dstaddr flow-direction\n");
  BenchConnections connections(s);
  Random rng(2024);
  bool ok = true;
  for (long long r = 0; r < records && ok; r += 4) {
    const BenchConnection c = connections.pick(rng);
    const unsigned packets = 3 + static_cast<unsigned>(rng.below(60));
    const unsigned bytes = packets * (80 + static_cast<unsigned>(rng.below(1200)));
    const int flags = rng.below(4) == 0 ? 16 : 3;
    const int reply_flags = flags == 16 ? 16 : 19;
    auto line = [&](const std::string& eni, const std::string& src, const std::string& dst, int sp, int dp, int f,
                    const std::string& psrc, const std::string& pdst, const char* dir) {
      fmt::format_to(std::back_inserter(buffer), "5 {} {} {} {} {} 6 {} {} {} {} ACCEPT OK {} {} {} {}\n", eni, src,
                     dst, sp, dp, packets, bytes, c.start, c.start + 60, f, psrc, pdst, dir);
    };
    const std::string client_eni =
        fmt::format("eni-0{:016x}", std::hash<std::string>{}(c.client.node_ip)).substr(0, 21);
    const std::string server_eni =
        fmt::format("eni-0{:016x}", std::hash<std::string>{}(c.server.node_ip)).substr(0, 21);
    const long long left = records - r;
    line(client_eni, c.client.node_ip, c.server.ip, c.client_port, c.port, flags, c.client.ip, c.server.ip, "egress");
    if (left > 1)
      line(client_eni, c.server.ip, c.client.node_ip, c.port, c.client_port, reply_flags, c.server.ip, c.client.ip,
           "ingress");
    if (left > 2)
      line(server_eni, c.client.ip, c.server.node_ip, c.client_port, c.port, flags, c.client.ip, c.server.ip,
           "ingress");
    if (left > 3)
      line(server_eni, c.server.node_ip, c.client.ip, c.port, c.client_port, reply_flags, c.server.ip, c.client.ip,
           "egress");
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
  BenchConnections connections(s);
  Random rng(2025);
  std::string buffer;
  long long written = 0;
  bool ok = true;
  while (ok && written < megabytes * 1000000) {
    const BenchConnection c = connections.pick(rng);
    const int nanos = static_cast<int>(rng.below(999999000));
    hubble_line(buffer, s, c.start, nanos, c.client, c.server, "TCP", c.client_port, c.port, "SYN", false, "EGRESS");
    hubble_line(buffer, s, c.start, nanos + 1, c.server, c.client, "TCP", c.port, c.client_port, "SYN, ACK", true,
                "EGRESS");
    hubble_line(buffer, s, c.start, nanos + 2, c.client, c.server, "TCP", c.client_port, c.port, "ACK, PSH", false,
                "INGRESS");
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
