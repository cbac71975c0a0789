// The library's one wall clock. Every "now" netobs uses (a relative --since, a snapshot's time,
// when a collection gap began) is asked of it, so that a caller can fix the time: tests, and the
// CLI when NETOBS_NOW is set, get the same answer from every command.
#pragma once

#include <cstdint>
#include <optional>

namespace netobs {

// Unix seconds now: the fixed time when one is set, else the system clock.
std::int64_t now_seconds();

// Fixes what now_seconds() answers (Unix seconds); nullopt returns to the system clock.
void set_fixed_now(std::optional<std::int64_t> seconds);

}  // namespace netobs
