// The property behind `recommend` over many small random clusters (seeded, so a failure names the
// seed that reproduces it): every observed connection is allowed by the recommended policies,
// every unobserved one between pods (or to the outside) is denied by an isolated side, and no
// rule allows everything. The truth is the generator's list of connections, not netobs's graph.
// The property is checked on the model's networking/v1 translation and carried to every other
// output kind by comparing their facts.
#include <algorithm>
#include <random>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <netobs/engine.hpp>

#include "testutil/pipeline.hpp"
#include "testutil/policy_facts.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

using nlohmann::json;

struct Workload {
  std::string ns, name;
  std::vector<int> ports;        // TCP ports its containers listen on
  std::vector<std::string> ips;  // one per pod
};

// (client workload, server workload or external address, port); TCP.
using Connection = std::tuple<std::string, std::string, int>;

struct Cluster {
  std::vector<Workload> workloads;
  std::set<Connection> observed;
  json inventory;
  std::string flows;  // VPC flow log records, version 2
};

const std::vector<int> k_ports{80, 443, 5432, 6379, 8080, 9090};
const std::vector<std::string> k_external{"203.0.113.10", "198.51.100.7"};

json pod_json(const Workload& w, std::size_t i) {
  json ports = json::array();
  for (int port : w.ports) ports.push_back({{"containerPort", port}, {"protocol", "TCP"}});
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", fmt::format("{}-{}", w.name, i)},
            {"namespace", w.ns},
            {"labels", {{"app", w.name}, {"pod-template-hash", fmt::format("h{}", i)}}},
            {"ownerReferences", {{{"kind", "StatefulSet"}, {"name", w.name}, {"controller", true}}}}}},
          {"spec", {{"containers", {{{"name", "main"}, {"ports", ports}}}}}},
          {"status", {{"phase", "Running"}, {"podIP", w.ips[i]}, {"startTime", "2025-01-01T00:00:00Z"}}}};
}

Cluster generate(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); };
  Cluster cluster;
  const int namespaces = pick(1, 3);
  for (int n = 0; n < namespaces; ++n) {
    const int workloads = pick(1, 3);
    for (int w = 0; w < workloads; ++w) {
      Workload workload{fmt::format("ns{}", n), fmt::format("app{}", w), {}, {}};
      std::vector<int> ports = k_ports;
      std::shuffle(ports.begin(), ports.end(), rng);
      workload.ports.assign(ports.begin(), ports.begin() + pick(1, 2));
      const int pods = pick(1, 2);
      for (int p = 0; p < pods; ++p) workload.ips.push_back(fmt::format("10.0.{}.{}", n, w * 10 + p + 1));
      cluster.workloads.push_back(workload);
    }
  }
  json items = json::array();
  for (const auto& w : cluster.workloads) {
    for (std::size_t i = 0; i < w.ips.size(); ++i) items.push_back(pod_json(w, i));
  }
  cluster.inventory = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", items}};
  // Flows: a random subset of (client pod, server pod, server port), and some egress outside.
  int ephemeral = 40000;
  auto record = [&](const std::string& from, const std::string& to, int port) {
    cluster.flows += fmt::format("2 123456789012 eni-0a1b2c {} {} {} {} 6 10 1200 1767225600 1767225660 ACCEPT OK\n",
                                 from, to, ephemeral++, port);
  };
  for (const auto& client : cluster.workloads) {
    for (const auto& server : cluster.workloads) {
      for (int port : server.ports) {
        if (pick(0, 3) != 0) continue;
        const std::string& from =
            client.ips[static_cast<std::size_t>(pick(0, static_cast<int>(client.ips.size()) - 1))];
        const std::string& to = server.ips[static_cast<std::size_t>(pick(0, static_cast<int>(server.ips.size()) - 1))];
        if (from == to) continue;  // a pod's traffic to itself needs no policy
        record(from, to, port);
        cluster.observed.emplace(client.ns + "/" + client.name, server.ns + "/" + server.name, port);
      }
    }
    if (pick(0, 2) == 0) {
      const std::string& to = k_external[static_cast<std::size_t>(pick(0, 1))];
      record(client.ips.front(), to, 443);
      cluster.observed.emplace(client.ns + "/" + client.name, to, 443);
    }
  }
  return cluster;
}

bool allows_everything(const PolicyRule& rule) {
  if (rule.peers.empty()) return true;
  return std::any_of(rule.peers.begin(), rule.peers.end(), [](const PolicyPeer& peer) {
    if (peer.ip_block) return parse_cidr(peer.ip_block->cidr) && parse_cidr(peer.ip_block->cidr)->prefix_len == 0;
    return peer.namespace_selector && peer.namespace_selector->empty() &&
           (!peer.pod_selector || peer.pod_selector->empty());
  });
}

struct Checked {
  std::size_t allowed = 0;
  std::size_t denied = 0;
};

// Checks one generated cluster; failures name `seed`.
void check_seed(unsigned seed, Checked& checked) {
  const Cluster generated = generate(seed);
  const testing::TempDir dir;
  const std::string flows = dir.write("flows.log", generated.flows);
  const Inventory inventory = testing::inventory_from(generated.inventory.dump());
  RecommendOptions options;
  options.dns = DnsMode::none;              // DNS has its own tests; here every allowed port must be observed
  options.default_deny = DefaultDeny::yes;  // so a workload without observed traffic is isolated too
  const auto result = testing::run_pipeline({flows}, inventory, options);

  for (const auto& policy : network_policies(result.recommendation.model)) {
    for (const auto* rules : {&policy.ingress, &policy.egress}) {
      for (const auto& rule : *rules) {
        EXPECT_FALSE(allows_everything(rule)) << "seed " << seed << ": " << policy.namespace_name << "/" << policy.name;
      }
    }
  }

  ManifestSet set;
  set.policies = network_policies(result.recommendation.model);
  add_inventory(set, inventory);
  const PolicyEngine engine(set, IpBlockScope::all);
  std::vector<std::pair<std::string, const ClusterPod*>> pods;  // (workload, pod)
  for (const auto& pod : set.pods) pods.emplace_back(pod.namespace_name + "/" + pod.owner.name, &pod);

  auto reported_open = [&](const std::string& ns) {
    const auto& open = result.recommendation.unisolated;
    return std::any_of(open.begin(), open.end(), [&](const std::string& line) { return line.starts_with(ns + ": "); });
  };
  std::size_t& allowed_checked = checked.allowed;
  std::size_t& denied_checked = checked.denied;
  for (const auto& [client_name, client] : pods) {
    const Endpoint from = Endpoint::of(*client);
    for (const auto& [server_name, server] : pods) {
      if (client == server) continue;
      const Endpoint to = Endpoint::of(*server);
      for (int port : k_ports) {
        const std::string what = fmt::format("seed {}: {} -> {}:{}", seed, client->name, server->name, port);
        if (generated.observed.contains({client_name, server_name, port})) {
          EXPECT_TRUE(engine.allowed(from, to).contains(Protocol::tcp, port)) << what << " was observed";
          ++allowed_checked;
          continue;
        }
        // A namespace with no observed traffic is left open by default-deny, and said so.
        if (!engine.isolated(*client, PolicyType::egress) && !engine.isolated(*server, PolicyType::ingress)) {
          EXPECT_TRUE(reported_open(client->namespace_name) || reported_open(server->namespace_name)) << what;
          continue;
        }
        EXPECT_FALSE(engine.allowed(from, to).contains(Protocol::tcp, port)) << what << " was not observed";
        ++denied_checked;
      }
    }
    for (const auto& external : k_external) {
      const IpAddress ip = *parse_ip(external);
      const bool observed = generated.observed.contains({client_name, external, 443});
      if (!observed && !engine.isolated(*client, PolicyType::egress)) {
        EXPECT_TRUE(reported_open(client->namespace_name)) << "seed " << seed << ": " << client->name;
        continue;
      }
      EXPECT_EQ(engine.allowed(from, Endpoint::range(ip, ip)).contains(Protocol::tcp, 443), observed)
          << "seed " << seed << ": " << client->name << " -> " << external << ":443";
      EXPECT_FALSE(engine.allowed(from, Endpoint::range(ip, ip)).contains(Protocol::tcp, 80)) << "seed " << seed;
      (observed ? allowed_checked : denied_checked) += 1;
    }
  }
  EXPECT_EQ(result.summary.records_used, result.summary.records_read) << "seed " << seed;

  // The engine proved the networking/v1 translation of the model; every other kind carries the
  // same facts (read back from its documents), so the proof holds for them too.
  for (OutputKind kind : {OutputKind::cilium, OutputKind::eks, OutputKind::clusternetworkpolicy}) {
    std::set<std::string> cluster_kinds;
    const auto written = testing::written_facts(result.recommendation.model, kind, cluster_kinds);
    const auto expected = testing::model_facts(result.recommendation.model, kind);
    EXPECT_EQ(written, expected) << "seed " << seed << ": kind " << static_cast<int>(kind);
  }
}

TEST(RandomCluster, RecommendationAllowsExactlyWhatWasObserved) {
  Checked checked;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    check_seed(seed, checked);
    if (::testing::Test::HasFailure()) break;  // one seed's failures are enough to read
  }
  // Both verdicts were exercised, many times over.
  EXPECT_GT(checked.allowed, 100U);
  EXPECT_GT(checked.denied, 1000U);
}

}  // namespace
}  // namespace netobs
