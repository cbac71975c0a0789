#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "endpoints.hpp"
#include "netobs_time.hpp"
#include "writers.hpp"

namespace flowgen {
namespace {

using nlohmann::ordered_json;

constexpr const char* k_vpc_header =
    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
    "action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id "
    "sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path";

ordered_json endpoint_json(const Endpoint& e, const Scenario& s) {
  if (!e.workload) {
    for (const auto& node : s.nodes) {
      if (node.ip == e.ip) return {{"identity", 1}, {"labels", ordered_json::array({"reserved:host"})}};
    }
    return {{"identity", 2}, {"labels", ordered_json::array({"reserved:world"})}};
  }
  const WorkloadSpec& w = *e.workload;
  ordered_json labels = ordered_json::array();
  std::vector<std::string> texts;
  for (const auto& [k, v] : w.selector) texts.push_back(fmt::format("k8s:{}={}", k, v));
  for (const auto& [k, v] : w.extra_labels) texts.push_back(fmt::format("k8s:{}={}", k, v));
  texts.push_back(fmt::format("k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name={}", w.ns));
  texts.push_back("k8s:io.cilium.k8s.policy.cluster=default");
  texts.push_back(fmt::format("k8s:io.cilium.k8s.policy.serviceaccount={}", w.name));
  texts.push_back(fmt::format("k8s:io.kubernetes.pod.namespace={}", w.ns));
  std::sort(texts.begin(), texts.end());
  for (const auto& t : texts) labels.push_back(t);
  const auto id = static_cast<int>(std::hash<std::string>{}(w.ns + w.name) % 60000 + 1000);
  return {{"ID", id % 4000},         {"identity", id},
          {"namespace", w.ns},       {"labels", labels},
          {"pod_name", e.pod->name}, {"workloads", ordered_json::array({{{"name", w.name}, {"kind", w.kind}}})}};
}

struct VpcRecord {
  std::string eni, srcaddr, dstaddr;
  int sport = 0, dport = 0, protocol = 6;
  std::uint64_t packets = 0, bytes = 0;
  std::int64_t start = 0, end = 0;
  std::string action = "ACCEPT";
  int flags = 0;
  std::string pkt_src, pkt_dst, direction, src_service = "-", dst_service = "-";
};

void vpc_line(std::string& out, const VpcRecord& r) {
  out += fmt::format(
      "5 123456789012 {} {} {} {} {} {} {} {} {} {} {} OK vpc-0a1b2c3d4e5f60718 subnet-0123456789abcdef0 "
      "i-0fedcba9876543210 {} IPv4 {} {} us-east-1 use1-az1 - - {} {} {} {}\n",
      r.eni, r.srcaddr, r.dstaddr, r.sport, r.dport, r.protocol, r.packets, r.bytes, r.start, r.end, r.action, r.flags,
      r.pkt_src, r.pkt_dst, r.src_service, r.dst_service, r.direction, r.direction == "egress" ? "1" : "-");
}

std::string eni_of(const std::string& node_ip) {
  return fmt::format("eni-0{:016x}", std::hash<std::string>{}(node_ip)&0xffffffffffffffffULL).substr(0, 21);
}

// Calls `visit(client, server, time, index)` for each instance of each connection, choosing pods
// that were alive together.
template <typename Visit>
void for_each_instance(const Scenario& s, bool hubble, Visit visit) {
  for (const auto& c : s.connections) {
    if (hubble ? !c.in_hubble : !c.in_vpc) continue;
    const auto clients = endpoints_of(s, c.client);
    const auto servers = endpoints_of(s, c.server);
    for (int i = 0; i < c.count; ++i) {
      for (std::size_t attempt = 0; attempt < clients.size() * servers.size(); ++attempt) {
        const std::size_t k = static_cast<std::size_t>(i) + attempt;
        const Endpoint& client = clients[k % clients.size()];
        const Endpoint& server = servers[(k / clients.size() + static_cast<std::size_t>(i)) % servers.size()];
        const auto [cf, ct] = active_window(s, client);
        const auto [sf, st] = active_window(s, server);
        const std::int64_t from = std::max(cf, sf), to = std::min(ct, st);
        if (from >= to) continue;
        visit(c, client, server, spread(from, to, i, c.count), i);
        break;
      }
    }
  }
}

}  // namespace

void hubble_line(std::string& out, const Scenario& s, std::int64_t time, int nanos, const Endpoint& src,
                 const Endpoint& dst, const std::string& protocol, int sport, int dport, const char* flags, bool reply,
                 const char* direction, const char* verdict, const char* drop_reason) {
  ordered_json l4;
  if (protocol == "TCP") {
    l4["TCP"] = {{"source_port", sport}, {"destination_port", dport}};
    ordered_json f = ordered_json::object();
    for (std::string_view name : {"SYN", "ACK", "PSH", "FIN"}) {
      if (std::string_view(flags).find(name) != std::string_view::npos) f[std::string(name)] = true;
    }
    l4["TCP"]["flags"] = f;
  } else {
    l4["UDP"] = {{"source_port", sport}, {"destination_port", dport}};
  }
  const Endpoint& local = std::string_view(direction) == "EGRESS" ? (reply ? dst : src) : (reply ? src : dst);
  std::string node_name = "ip-10-0-1-10.ec2.internal";
  if (local.pod) node_name = local.pod->node;
  ordered_json flow = {{"time", format_time(time, nanos)}, {"verdict", verdict}};
  if (drop_reason) flow["drop_reason_desc"] = drop_reason;
  flow["IP"] = {{"source", src.ip}, {"destination", dst.ip}, {"ipVersion", "IPv4"}};
  flow["l4"] = l4;
  flow["source"] = endpoint_json(src, s);
  flow["destination"] = endpoint_json(dst, s);
  flow["Type"] = "L3_L4";
  flow["node_name"] = node_name;
  flow["event_type"] = {{"type", 4}};
  flow["traffic_direction"] = direction;
  flow["is_reply"] = reply;
  flow["Summary"] = protocol == "TCP" ? fmt::format("TCP Flags: {}", flags) : std::string("UDP");
  ordered_json line = {{"flow", flow}, {"node_name", node_name}, {"time", format_time(time, nanos)}};
  out += line.dump() + "\n";
}

std::string hubble_lines(const Scenario& s) {
  std::string out;
  Random rng(42);
  for_each_instance(
      s, true, [&](const Connection& c, const Endpoint& client, const Endpoint& server, std::int64_t t, int i) {
        const int sport = static_cast<int>(32768 + rng.below(28232));
        const int nanos = static_cast<int>(rng.below(1000000000));
        if (c.protocol == "TCP") {
          hubble_line(out, s, t, nanos, client, server, c.protocol, sport, c.port, "SYN", false, "EGRESS");
          hubble_line(out, s, t, nanos + 1, server, client, c.protocol, c.port, sport, "SYN, ACK", true, "EGRESS");
          if (server.workload && i % 2 == 0) {
            hubble_line(out, s, t, nanos + 2, client, server, c.protocol, sport, c.port, "ACK, PSH", false, "INGRESS");
          }
        } else {
          hubble_line(out, s, t, nanos, client, server, c.protocol, sport, c.port, "", false, "EGRESS");
          hubble_line(out, s, t, nanos + 1, server, client, c.protocol, c.port, sport, "", true, "EGRESS");
        }
      });
  // Kubelet probes come from the node; a denied attempt shows as DROPPED.
  const auto ui = endpoints_of(s, "ui/ui");
  const Endpoint node{nullptr, nullptr, ui.front().node_ip, ""};
  hubble_line(out, s, s.window_start + 30, 1000, node, ui.front(), "TCP", 41000, 8080, "SYN", false, "INGRESS");
  const auto rabbit = endpoints_of(s, "orders/orders-rabbitmq");
  hubble_line(out, s, s.window_start + 900, 2000, ui.front(), rabbit.front(), "TCP", 45000, 15672, "SYN", false,
              "EGRESS", "DROPPED", "Policy denied");
  return out;
}

std::string vpc_object(const Scenario& s) {
  std::string out = std::string(k_vpc_header) + "\n";
  Random rng(7);
  for_each_instance(
      s, false, [&](const Connection& c, const Endpoint& client, const Endpoint& server, std::int64_t t, int i) {
        if (client.workload && server.workload && client.node_ip == server.node_ip) return;  // never left the node
        const int proto = c.protocol == "TCP" ? 6 : 17;
        const bool mid_stream = proto == 6 && i % 4 == 3;  // a long connection: no SYN in this window
        const int request_flags = proto == 6 ? (mid_stream ? 16 : 3) : 0;
        const int reply_flags = proto == 6 ? (mid_stream ? 16 : 19) : 0;
        const std::string client_ip = c.snat ? client.node_ip : client.ip;
        const int sport = static_cast<int>(32768 + rng.below(28232));
        const std::uint64_t packets = 4 + rng.below(40);
        VpcRecord request{"", "", "", sport, c.port, proto, packets, packets * (60 + rng.below(900)), t, t + 60};
        request.flags = request_flags;
        request.pkt_src = client_ip;
        request.pkt_dst = server.ip;
        VpcRecord reply = request;
        reply.sport = c.port;
        reply.dport = sport;
        reply.flags = reply_flags;
        reply.pkt_src = server.ip;
        reply.pkt_dst = client_ip;
        reply.bytes = request.bytes * 3;
        if (client.workload) {  // at the client node's ENI
          VpcRecord out_req = request, in_rep = reply;
          out_req.eni = in_rep.eni = eni_of(client.node_ip);
          out_req.srcaddr = client.node_ip;
          out_req.dstaddr = server.ip;
          out_req.direction = "egress";
          in_rep.srcaddr = server.ip;
          in_rep.dstaddr = client.node_ip;
          in_rep.direction = "ingress";
          if (!server.workload && c.snat && server.ip.rfind("52.94.", 0) == 0)
            out_req.dst_service = in_rep.src_service = "DYNAMODB";
          vpc_line(out, out_req);
          vpc_line(out, in_rep);
        }
        if (server.workload || server.ip.rfind("10.", 0) == 0) {  // at the server's ENI (a node, or RDS)
          const std::string local = server.workload ? server.node_ip : server.ip;
          VpcRecord in_req = request, out_rep = reply;
          in_req.eni = out_rep.eni = eni_of(local);
          in_req.srcaddr = client_ip;
          in_req.dstaddr = local;
          in_req.direction = "ingress";
          out_rep.srcaddr = local;
          out_rep.dstaddr = client_ip;
          out_rep.direction = "egress";
          vpc_line(out, in_req);
          vpc_line(out, out_rep);
        }
      });
  // What else an S3 object holds: a capture window without traffic, and rejected probes.
  out += fmt::format(
      "5 123456789012 {} - - - - - - - {} {} - NODATA vpc-0a1b2c3d4e5f60718 subnet-0123456789abcdef0 "
      "i-0fedcba9876543210 - - - - us-east-1 use1-az1 - - - - - -\n",
      eni_of("10.0.3.10"), s.window_start, s.window_start + 60);
  VpcRecord scan{eni_of("10.0.1.10"),
                 "45.33.32.156",
                 "10.0.1.10",
                 51515,
                 22,
                 6,
                 1,
                 44,
                 s.window_start + 120,
                 s.window_start + 180,
                 "REJECT",
                 2,
                 "45.33.32.156",
                 "10.0.1.10",
                 "ingress"};
  vpc_line(out, scan);
  VpcRecord redis{
      eni_of("10.0.3.10"),  "10.0.1.21",          "10.0.3.10", 40404, 6379,        6,           2,        120,
      s.window_start + 300, s.window_start + 360, "REJECT",    2,     "10.0.1.21", "10.0.3.51", "ingress"};
  vpc_line(out, redis);
  return out;
}

std::string truth_tsv(const Scenario& s) {
  std::string out = "# client\tserver\tprotocol\tport\tattributable (0: only SNATed VPC records saw it)\n";
  for (const auto& c : s.connections) {
    const bool attributable = c.in_hubble || !c.snat;
    out += fmt::format("{}\t{}\t{}\t{}\t{}\n", c.client, c.server, c.protocol, c.port, attributable ? 1 : 0);
  }
  return out;
}

}  // namespace flowgen
