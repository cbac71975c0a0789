#include "render/connectivity/formats.hpp"

namespace netobs {

std::string connectivity_txt(const ConnectivityReport& report) {
  std::string out;
  for (const auto& e : report.entries)
    out += e.source + " => " + e.destination + " : " + e.connections.to_string() + "\n";
  return out;
}

}  // namespace netobs
