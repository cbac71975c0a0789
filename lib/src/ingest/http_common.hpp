// What every HTTP source of flows shares (agent streams, Prometheus queries): request headers
// with a bearer token re-read from its file, backoff between attempts, and waits a stop ends.
#pragma once

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <netobs/collect.hpp>
#include <netobs/error.hpp>

namespace netobs {

class CollectState;

// The configured headers plus "Authorization: Bearer <token>" from the token file, read now:
// tokens are rotated (projected service account tokens). `token_option` names the file's option
// in the message when it cannot be read.
Result<std::vector<std::string>> request_headers(const AgentOptions& options, std::string_view token_option);

// Exponential backoff with full jitter, at most `max_backoff` seconds: many collectors restarting
// together do not hammer a server in step.
double backoff_seconds(int failures, double max_backoff, std::mt19937& random);

// Sleeps `seconds` in slices; false when the collection was stopped meanwhile.
bool wait_unless_stopped(double seconds, CollectState& collect);

}  // namespace netobs
