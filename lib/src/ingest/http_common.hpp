// What every HTTP source of flows shares (agent streams, Prometheus queries): request headers
// with a bearer token re-read from its file, and waits a stop ends (the backoff is util/backoff.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <netobs/collect.hpp>
#include <netobs/error.hpp>
#include <netobs/option.hpp>

namespace netobs {

class CollectState;

// The configured headers plus "Authorization: Bearer <token>" from the token file, read now:
// tokens are rotated (projected service account tokens). `token_option` names the file's option
// in the message when it cannot be read.
Result<std::vector<std::string>> request_headers(const AgentOptions& options, Option token_option);

// Sleeps `seconds` in slices; false when the collection was stopped meanwhile.
bool wait_unless_stopped(double seconds, CollectState& collect);

}  // namespace netobs
