// What every job shares: loading its state, failing, and refusing policies it cannot analyse.
#include <utility>

#include <fmt/format.h>

#include <netobs/engine.hpp>
#include <netobs/job.hpp>
#include <netobs/plural.hpp>

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
    result.warn(fmt::format("the result leaves out the {} of other kinds above",
                            counted(unanalysed.size(), "policy", "policies")));
    return true;
  }
  result.fail(JobExit::input_error,
              fmt::format("nothing to analyse in {}: no {}, only the {} of other kinds above", what,
                          k_analysed_policy_api, counted(unanalysed.size(), "policy", "policies")));
  return false;
}

bool check_policy_kinds(JobResult& result, const std::string& what, const ManifestSet& set) {
  std::size_t invalid = 0;
  auto report = [&](const std::vector<PolicyProblem>& problems) {
    for (const auto& problem : problems) {
      ++invalid;
      result.say(MessageKind::error,
                 fmt::format("error: {}:{}: {}", problem.location.file, problem.location.line, problem.message));
    }
  };
  for (const auto& policy : set.tiered) report(policy.problems);
  for (const auto& policy : set.cilium) report(policy.problems);
  if (invalid > 0) {
    result.fail(
        JobExit::input_error,
        fmt::format("nothing analysed: {} above make{} the policies' meaning undefined (netobs lint "
                    "reports each)",
                    invalid == 1 ? "the problem" : fmt::format("the {} problems", invalid), invalid == 1 ? "s" : ""));
    return false;
  }
  for (const auto& sentence : not_evaluated(set)) result.warn(sentence);
  return check_policy_kinds(result, what, set.unanalysed, set.policies.size() + set.tiered.size() + set.cilium.size());
}

std::optional<ClusterState> load_policy_state(JobResult& result, const StateOptions& options,
                                              const ReportScope& scope) {
  auto state = load_job_state(result, options, scope);
  if (!state || !check_policy_kinds(result, input_names(options.manifests), state->manifests)) {
    return std::nullopt;
  }
  return state;
}

std::optional<ClusterState> load_job_state(JobResult& result, const StateOptions& options, const ReportScope& scope) {
  auto state = load_state(options);
  if (!state && state.error().kind == ErrorKind::forbidden && !scope.everything()) {
    // Reading only the namespaces reported on would give an answer that looks complete and is
    // not: what reaches them, and what they reach, is decided by the other namespaces' policies
    // and pods too.
    result.error_kind = ErrorKind::forbidden;
    result.fail(JobExit::input_error,
                fmt::format("{}: reporting on {} needs read access to every namespace (list across the cluster), "
                            "because what is allowed to and from them depends on the other namespaces' pods and "
                            "policies; nothing was analysed",
                            describe(state.error()), describe(scope)));
    return std::nullopt;
  }
  if (!state) {
    result.fail(state.error());
    return std::nullopt;
  }
  result.loads.push_back(report_of(*state));
  return std::move(*state);
}

bool check_scope(JobResult& result, const ReportScope& scope, const std::set<std::string>& known,
                 const std::string& what) {
  if (scope.everything()) return true;
  const auto missing = missing_namespaces(scope, known);
  if (!missing.empty()) {
    result.fail(JobExit::input_error,
                fmt::format("namespace {} to report on is not in {}: no Namespace, pod or policy there (a typo?); "
                            "nothing was reported",
                            fmt::join(missing, ", "), what));
    return false;
  }
  result.note(fmt::format("reported: {} (every namespace was read)", describe(scope)));
  return true;
}

}  // namespace netobs
