#include "render/connectivity/formats.hpp"

namespace netobs {

std::string connectivity_md(const ConnectivityReport& report) {
  std::string out = "| src | dst | conn |\n|-----|-----|------|\n";
  for (const auto& e : report.entries) {
    out += "| " + e.source + " | " + e.destination + " | " + e.connections.to_string() + " |\n";
  }
  return out;
}

}  // namespace netobs
