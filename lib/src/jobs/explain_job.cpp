#include <fmt/format.h>

#include <netobs/explain.hpp>
#include <netobs/jobs.hpp>

namespace netobs {
namespace {

// A bare workload or pod name is one of the namespace reported on, as `kubectl -n NS` reads it;
// with several there is no telling which.
Result<std::string> qualified_endpoint(const std::string& text, const ReportScope& scope) {
  if (text.find('/') != std::string::npos || parse_ip(text) || text.empty() || scope.everything()) return text;
  if (scope.namespaces.size() > 1) {
    return make_error(ErrorKind::usage, fmt::format("'{}' names no namespace, and {} are reported on: write "
                                                    "NAMESPACE/{}",
                                                    text, describe(scope), text));
  }
  return scope.namespaces.front() + "/" + text;
}

bool endpoint_reported(const NamedEndpoint& endpoint, const ReportScope& scope) {
  return endpoint.endpoint.pod != nullptr && scope.includes(endpoint.endpoint.pod->namespace_name);
}

}  // namespace

JobResult run_explain_job(const ExplainJob& job) {
  JobResult result;
  auto from_text = qualified_endpoint(job.from, job.namespaces);
  auto to_text = qualified_endpoint(job.to, job.namespaces);
  for (const auto* text : {&from_text, &to_text}) {
    if (!*text) return result.fail(text->error());
  }
  const auto state = load_policy_state(result, job.state, job.namespaces);
  if (!state) return result;
  if (!check_scope(result, job.namespaces, namespaces_of(state->manifests), "the state read")) return result;
  auto from = find_endpoint(state->manifests, *from_text);
  auto to = find_endpoint(state->manifests, *to_text);
  for (const auto* endpoint : {&from, &to}) {
    if (!*endpoint) return result.fail(endpoint->error());
  }
  if (!job.namespaces.everything() && !endpoint_reported(*from, job.namespaces) &&
      !endpoint_reported(*to, job.namespaces)) {
    return result.fail(JobExit::usage,
                       fmt::format("neither {} nor {} is in {}: only connections with an end there are reported",
                                   from->name, to->name, describe(job.namespaces)));
  }
  const PolicyEngine engine(state->manifests, job.ipblock_scope);
  const Explanation explanation = explain(engine, *from, *to, job.protocol, job.port);
  result.output = job.format == ExplanationFormat::json ? render_explanation_json(explanation)
                                                        : render_explanation_text(explanation);
  result.exit = explanation.allowed ? JobExit::ok : JobExit::findings;
  return result;
}

}  // namespace netobs
