// RFC 3339 time stamps for generated records.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace flowgen {

inline std::string format_time(std::int64_t seconds, int nanos = -1) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buffer;
  if (nanos >= 0) {
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%09d", nanos);
    out += frac;
  }
  return out + "Z";
}

}  // namespace flowgen
