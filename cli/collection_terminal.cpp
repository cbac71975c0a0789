#include "collection_terminal.hpp"

#include <cstdint>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <netobs/plural.hpp>

#include "process.hpp"
#include "terminal.hpp"

namespace netobs::cli {

CollectionTerminal::CollectionTerminal(std::string command, const JobWording& wording, std::ostream& err)
    : m_command(std::move(command)),
      m_wording(wording),
      m_err(err),
      m_progress_wanted(!wording.quiet && ::isatty(STDERR_FILENO) != 0) {}

CollectFrontEnd CollectionTerminal::front_end() {
  CollectFrontEnd front_end;
  if (m_progress_wanted) front_end.progress = [this](const CollectProgress& progress) { show_progress(progress); };
  front_end.stop = &signal_stop();
  front_end.before_collecting = [this](const std::vector<StateReport>& loads,
                                       const std::vector<JobResult::Message>& messages) {
    for (const auto& report : loads) print_state_report(m_command, report, m_wording.left_out, m_wording.quiet, m_err);
    for (const auto& message : messages) print_job_message(m_command, message, m_wording, m_err);
  };
  return front_end;
}

// One line, rewritten in place: what a long collection has gathered so far, and while an agent
// is unreachable, for how long.
void CollectionTerminal::show_progress(const CollectProgress& progress) {
  const auto seconds = static_cast<std::int64_t>(progress.elapsed);
  std::string state;
  if (progress.failed_attempts > 0) {
    state = fmt::format(", reconnecting ({}), down for {}s", progress.failed_attempts,
                        static_cast<std::int64_t>(progress.down_for));
  } else if (progress.reconnects > 0) {
    state = ", " + counted(progress.reconnects, "reconnect", "reconnects");
  }
  write_terminal_control(m_err, "\r\033[K");  // back to the start of the line, and clear it
  fmt::print(m_err, "collecting: {} ({:.0f}/s), {}, {:02}:{:02}:{:02}{}", counted(progress.flows, "flow", "flows"),
             progress.rate, counted(progress.edges, "edge", "edges"), seconds / 3600, seconds / 60 % 60, seconds % 60,
             state);
  m_err.flush();
  m_progress_shown = true;
}

void CollectionTerminal::end() {
  if (m_progress_shown) write_terminal_control(m_err, "\r\033[K");
  m_progress_shown = false;
}

}  // namespace netobs::cli
