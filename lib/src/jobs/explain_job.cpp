#include <fmt/format.h>

#include <netobs/explain.hpp>
#include <netobs/jobs.hpp>

namespace netobs {

JobResult run_explain_job(const ExplainJob& job) {
  JobResult result;
  const auto state = load_policy_state(result, job.state);
  if (!state) return result;
  auto from = find_endpoint(state->manifests, job.from);
  auto to = find_endpoint(state->manifests, job.to);
  for (const auto* endpoint : {&from, &to}) {
    if (!*endpoint) return result.fail(endpoint->error());
  }
  const PolicyEngine engine(state->manifests, job.ipblock_scope);
  const Explanation explanation = explain(engine, *from, *to, job.protocol, job.port);
  result.output = job.format == ExplanationFormat::json ? render_explanation_json(explanation)
                                                        : render_explanation_text(explanation);
  result.exit = explanation.allowed ? JobExit::ok : JobExit::findings;
  return result;
}

}  // namespace netobs
