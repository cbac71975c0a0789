// What every job shares: loading its state, failing, and refusing policies it cannot analyse.
#include <utility>

#include <fmt/format.h>

#include <netobs/job.hpp>

namespace netobs {

JobExit job_exit_of(const Error& error) {
  return error.kind == ErrorKind::usage ? JobExit::usage : JobExit::input_error;
}

StateReport report_of(const ClusterState& state) {
  StateReport report;
  report.lists_found = state.lists_found;
  report.notes = state.manifests.notes;
  report.problems = state.manifests.problems;
  if (state.cluster) {
    report.cluster_notes = state.cluster->notes;
    report.cluster_warnings = state.cluster->warnings;
  }
  return report;
}

JobResult& JobResult::fail(JobExit how, std::string message) {
  exit = how;
  output.reset();
  say(MessageKind::error, std::move(message));
  return *this;
}

JobResult& JobResult::fail(Unchecked why, std::size_t count) {
  exit = JobExit::input_error;
  output.reset();
  unchecked = why;
  unchecked_count = count;
  return *this;
}

bool check_policy_kinds(JobResult& result, const std::string& what, const std::vector<UnanalysedPolicy>& unanalysed,
                        std::size_t analysed) {
  if (unanalysed.empty()) return true;
  const bool nothing_analysed = analysed == 0;
  for (const auto& policy : unanalysed) {
    result.say(
        nothing_analysed ? MessageKind::error : MessageKind::warning,
        fmt::format("{}: {}:{}: {} is not analysed: netobs evaluates {} only", nothing_analysed ? "error" : "warning",
                    policy.location.file, policy.location.line, describe(policy), k_analysed_policy_api));
  }
  if (!nothing_analysed) {
    result.warn(fmt::format("the result leaves out the {} policies of other kinds above", unanalysed.size()));
    return true;
  }
  result.fail(JobExit::input_error,
              fmt::format("nothing to analyse in {}: no {}, only the {} policies of other kinds above", what,
                          k_analysed_policy_api, unanalysed.size()));
  return false;
}

std::optional<ClusterState> load_policy_state(JobResult& result, const StateOptions& options) {
  auto state = load_job_state(result, options);
  if (!state || !check_policy_kinds(result, fmt::format("{}", fmt::join(options.manifests, ", ")), state->manifests)) {
    return std::nullopt;
  }
  return state;
}

std::optional<ClusterState> load_job_state(JobResult& result, const StateOptions& options) {
  auto state = load_state(options);
  if (!state) {
    result.fail(state.error());
    return std::nullopt;
  }
  result.loads.push_back(report_of(*state));
  return std::move(*state);
}

}  // namespace netobs
