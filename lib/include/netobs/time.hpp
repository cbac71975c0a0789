// Time stamps in the formats flow records and Kubernetes objects use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netobs {

// RFC 3339 / ISO 8601 ("2021-06-16T16:52:13.136834446Z", "+02:00" offsets) to Unix seconds.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

// Unix seconds as "2021-06-16T16:52:13Z".
std::string format_rfc3339(std::int64_t seconds);

// A length of time as options give it: "90s", "30m", "24h", "7d", or parts from the largest unit
// down, each once ("1d12h", "1h30m"). Seconds; nullopt when malformed or longer than 100 years.
std::optional<std::int64_t> parse_duration(std::string_view text);

// Seconds in the form parse_duration reads, shortest first ("1h30m", "7d", "0s").
std::string format_duration(std::int64_t seconds);

// A point in time as --since/--until give it: RFC 3339, or a duration before `now` ("-24h").
std::optional<std::int64_t> parse_time_bound(std::string_view text, std::int64_t now);

}  // namespace netobs
