#include "inventory/endpoints.hpp"

#include <algorithm>

#include "util/k8s_json.hpp"

namespace netobs {

using k8s::field;
using k8s::string_at;
using nlohmann::json;

void add_endpoints(const json& item, const std::string& kind, EndpointIndex& index) {
  const json& metadata = field(item, "metadata");
  const std::string ns = k8s::namespace_of(metadata);
  // An EndpointSlice names its Service in a label; Endpoints share the Service's name.
  const std::string service = kind == "EndpointSlice"
                                  ? string_at(field(metadata, "labels"), "kubernetes.io/service-name")
                                  : string_at(metadata, "name");
  if (service.empty()) return;
  ServiceEndpoints& into = index[{ns, service}];
  auto add_address = [&](const std::string& text) {
    auto ip = parse_ip(text);
    if (ip && std::find(into.addresses.begin(), into.addresses.end(), *ip) == into.addresses.end()) {
      into.addresses.push_back(*ip);
    }
  };
  auto add_ports = [&](const json& ports) {
    if (!ports.is_array()) return;
    for (const auto& port : ports) {
      const json& number = field(port, "port");
      auto protocol = k8s::parse_protocol(field(port, "protocol"));
      if (!number.is_number_integer() || !protocol) continue;
      const auto value = number.get<long long>();
      if (value < 1 || value > 65535) continue;
      EndpointPort entry{string_at(port, "name"), *protocol, static_cast<std::uint16_t>(value)};
      if (std::none_of(into.ports.begin(), into.ports.end(), [&](const EndpointPort& p) {
            return p.name == entry.name && p.protocol == entry.protocol && p.port == entry.port;
          })) {
        into.ports.push_back(entry);
      }
    }
  };
  if (kind == "EndpointSlice") {
    if (const json& endpoints = field(item, "endpoints"); endpoints.is_array()) {
      for (const auto& endpoint : endpoints) {
        if (const json& addresses = field(endpoint, "addresses"); addresses.is_array()) {
          for (const auto& address : addresses) {
            if (address.is_string()) add_address(address.get<std::string>());
          }
        }
      }
    }
    add_ports(field(item, "ports"));
    return;
  }
  if (const json& subsets = field(item, "subsets"); subsets.is_array()) {
    for (const auto& subset : subsets) {
      if (const json& addresses = field(subset, "addresses"); addresses.is_array()) {
        for (const auto& address : addresses) add_address(string_at(address, "ip"));
      }
      add_ports(field(subset, "ports"));
    }
  }
}

void merge_endpoints(const EndpointIndex& from, EndpointIndex& into) {
  for (const auto& [key, endpoints] : from) {
    ServiceEndpoints& mine = into[key];
    for (const auto& ip : endpoints.addresses) {
      if (std::find(mine.addresses.begin(), mine.addresses.end(), ip) == mine.addresses.end()) {
        mine.addresses.push_back(ip);
      }
    }
    for (const auto& port : endpoints.ports) {
      if (std::none_of(mine.ports.begin(), mine.ports.end(), [&](const EndpointPort& p) {
            return p.name == port.name && p.protocol == port.protocol && p.port == port.port;
          })) {
        mine.ports.push_back(port);
      }
    }
  }
}

const ServiceEndpoints* Inventory::endpoints_of(const Service& service) const {
  auto it = m_endpoints.find({service.namespace_name, service.name});
  return it == m_endpoints.end() ? nullptr : &it->second;
}

std::vector<IpAddress> Inventory::apiserver_addresses() const {
  auto it = m_endpoints.find({"default", "kubernetes"});
  if (it == m_endpoints.end()) return {};
  std::vector<IpAddress> out = it->second.addresses;
  std::sort(out.begin(), out.end());
  return out;
}

bool Inventory::is_service_endpoint(const IpAddress& ip) const { return m_endpoint_addresses.contains(ip); }

}  // namespace netobs
