#include <charconv>
#include <ctime>
#include <iterator>

#include <fmt/format.h>

#include <netobs/time.hpp>

namespace netobs {
namespace {

// Exactly `len` decimal digits (no sign) at `pos`.
bool read_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && end == text.data() + pos + len;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339(std::string_view text) {
  int y, mo, d, h, mi, s;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':' || !read_int(text, 0, 4, y) || !read_int(text, 5, 2, mo) ||
      !read_int(text, 8, 2, d) || !read_int(text, 11, 2, h) || !read_int(text, 14, 2, mi) ||
      !read_int(text, 17, 2, s) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    const std::size_t digits = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == digits) return std::nullopt;  // a fraction has at least one digit
  }
  std::int64_t offset = 0;
  if (pos < text.size()) {
    const char z = text[pos];
    if (z == 'Z' || z == 'z') {
      ++pos;
    } else if (z == '+' || z == '-') {
      int oh, om;
      if (!read_int(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
          !read_int(text, pos + 4, 2, om) || oh > 23 || om > 59) {
        return std::nullopt;
      }
      offset = (std::int64_t{oh} * 3600 + std::int64_t{om} * 60) * (z == '+' ? 1 : -1);
      pos += 6;
    }
  }
  if (pos != text.size()) return std::nullopt;
  return days_from_civil(y, mo, d) * 86400 + std::int64_t{h} * 3600 + std::int64_t{mi} * 60 + s - offset;
}

std::string format_rfc3339(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  // Four-digit years always (strftime's %Y does not pad years before 1000).
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

namespace {

struct DurationUnit {
  char name;
  std::int64_t seconds;
};
constexpr DurationUnit k_units[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
constexpr std::int64_t k_max_duration = 100LL * 365 * 86400;

}  // namespace

std::optional<std::int64_t> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units come largest first, each at most once
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t digits = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    // Nine digits keep every product below the 64-bit range before the bound below.
    if (pos == digits || pos - digits > 9 || pos == text.size()) return std::nullopt;
    std::int64_t value = 0;
    std::from_chars(text.data() + digits, text.data() + pos, value);
    std::size_t unit = next_unit;
    while (unit < std::size(k_units) && k_units[unit].name != text[pos]) ++unit;
    if (unit == std::size(k_units)) return std::nullopt;
    total += value * k_units[unit].seconds;
    if (total > k_max_duration) return std::nullopt;
    next_unit = unit + 1;
    ++pos;
  }
  return total;
}

std::string format_duration(std::int64_t seconds) {
  if (seconds <= 0) return "0s";
  std::string out;
  for (const auto& unit : k_units) {
    if (seconds >= unit.seconds) {
      out += fmt::format("{}{}", seconds / unit.seconds, unit.name);
      seconds %= unit.seconds;
    }
  }
  return out;
}

std::optional<std::int64_t> parse_time_bound(std::string_view text, std::int64_t now) {
  if (text.starts_with('-')) {
    const auto ago = parse_duration(text.substr(1));
    if (!ago) return std::nullopt;
    return now - *ago;
  }
  return parse_rfc3339(text);
}

}  // namespace netobs
