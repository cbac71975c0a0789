#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

// One finding per file the loader could not parse; the other files are checked as usual.
Diagnostics check_unparsable_file(const LintContext& ctx) {
  Diagnostics out;
  for (const FileProblem& problem : ctx.set->problems) {
    Diagnostic d;
    d.location = problem.location;
    d.message = "the file does not parse, so nothing in it was checked: " + problem.message +
                (problem.hint.empty() ? "" : "; " + problem.hint);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

const Rule k_unparsable_file{
    "unparsable-file", Severity::error, "File that is not valid YAML or JSON",
    "Fix the syntax at the line given, or render templates (helm template, kustomize build) and lint the output.",
    &check_unparsable_file};

}  // namespace netobs::lint::rules
