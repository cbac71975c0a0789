#include "render/connectivity/formats.hpp"

namespace netobs {
namespace {

// RFC 4180: quote fields holding commas or quotes, doubling the quotes.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string connectivity_csv(const ConnectivityReport& report) {
  std::string out = "src,dst,conn\n";
  for (const auto& e : report.entries) {
    out += csv_field(e.source) + "," + csv_field(e.destination) + "," + csv_field(e.connections.to_string()) + "\n";
  }
  return out;
}

}  // namespace netobs
