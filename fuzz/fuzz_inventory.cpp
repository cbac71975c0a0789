// Inventories (kubectl get ... -o json|yaml Lists): pods, services, nodes, namespaces,
// workloads and endpoints, then the address lookups ingest makes against them.
#include <string>

#include <netobs/inventory.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::Inventory inventory;
  if (!inventory.load_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json")) return 0;
  for (const auto& pod : inventory.pods()) {
    for (const auto& ip : pod.ips) {
      (void)inventory.pod_by_ip(ip);
      (void)inventory.holder_at(ip, 1700000000);
      (void)inventory.listens_on(ip, 80, netobs::Protocol::tcp);
    }
  }
  for (const auto& service : inventory.services()) (void)inventory.service_backends(service);
  (void)inventory.apiserver_addresses();
  return 0;
}
