#include "http_common.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include <netobs/option.hpp>

#include "collect_state.hpp"

namespace netobs {

Result<std::vector<std::string>> request_headers(const AgentOptions& options, Option token_option) {
  std::vector<std::string> headers = options.headers;
  if (options.token_file.empty()) return headers;
  std::ifstream in(options.token_file);
  std::stringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  token.erase(token.find_last_not_of(" \t\r\n") + 1);
  token.erase(0, token.find_first_not_of(" \t\r\n"));
  if (!in || token.empty()) {
    return make_error(ErrorKind::io,
                      fmt::format("{} {}: cannot read a token", spell(token_option), options.token_file));
  }
  headers.push_back("Authorization: Bearer " + token);
  return headers;
}

bool wait_unless_stopped(double seconds, CollectState& collect) {
  using Clock = std::chrono::steady_clock;
  const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (Clock::now() < until) {
    if (collect.should_stop()) return false;
    const Clock::duration left = until - Clock::now();
    std::this_thread::sleep_for(std::min<Clock::duration>(left, std::chrono::milliseconds(100)));
    collect.tick();
  }
  return !collect.should_stop();
}

}  // namespace netobs
