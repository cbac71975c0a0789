// Runs a helper program (a kubeconfig exec plugin, Graphviz's dot) with bounded time and output.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace netobs {

struct SubprocessLimits {
  int timeout_ms = 60'000;
  std::size_t max_output = 1U << 20;  // per stream
};

struct SubprocessResult {
  int status = -1;  // the exit status, or -1 when killed by a signal
  std::string out;
  std::string err;
  bool timed_out = false;  // killed after limits.timeout_ms
  bool too_large = false;  // killed when a stream passed limits.max_output
  int exec_errno = 0;      // why it could not be started (ENOENT: not on PATH), or 0
};

// The first line of what the helper wrote to stderr, at most 300 characters: its own word on why
// it failed, for a message.
std::string first_error_line(const SubprocessResult& result);

// Runs argv (argv[0] looked up on PATH) with `env` ("NAME=value") added to the environment and
// `input` on its stdin (/dev/null when empty); collects stdout and stderr. A helper that stops
// reading its input early is not an error here: its exit status says what happened.
SubprocessResult run_subprocess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                                const std::string& input, const SubprocessLimits& limits);

}  // namespace netobs
