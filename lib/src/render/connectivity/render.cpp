#include <netobs/connectivity.hpp>

#include "render/connectivity/formats.hpp"

namespace netobs {

std::string render_connectivity(const ConnectivityReport& report, ConnectivityFormat format) {
  switch (format) {
    case ConnectivityFormat::txt:
      return connectivity_txt(report);
    case ConnectivityFormat::json:
      return connectivity_json(report);
    case ConnectivityFormat::csv:
      return connectivity_csv(report);
    case ConnectivityFormat::md:
      return connectivity_md(report);
    case ConnectivityFormat::dot:
      return connectivity_dot(report);
  }
  return {};
}

}  // namespace netobs
