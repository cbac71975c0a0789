#include <nlohmann/json.hpp>

#include "render/connectivity/formats.hpp"
#include "util/k8s_json.hpp"

namespace netobs {

std::string connectivity_json(const ConnectivityReport& report) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& e : report.entries) {
    list.push_back({{"src", e.source}, {"dst", e.destination}, {"conn", e.connections.to_string()}});
  }
  return k8s::to_json_text(list, 2) + "\n";
}

}  // namespace netobs
