// netobs lint: checks NetworkPolicy manifests for what the API server would reject (errors),
// for likely mistakes (warnings), and, given observed flows, for connections the policies would
// block. Rules live in a registry; each has an id, severity, summary and remediation.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/graph.hpp>
#include <netobs/inventory.hpp>
#include <netobs/manifest.hpp>
#include <netobs/report_scope.hpp>

namespace netobs::lint {

// info: worth knowing, never a failure (it does not count for --fail-on).
enum class Severity { info, warning, error };

std::string_view to_string(Severity severity);  // "info", "warning", "error"

// The Kubernetes object a finding is about. It locates a finding where a line cannot: an object
// the API server listed (--from-cluster) is in no file, and a line of minified JSON holds many.
struct ObjectRef {
  std::string kind;
  std::string namespace_name;  // empty for cluster-scoped kinds (Namespace)
  std::string name;

  bool empty() const { return kind.empty(); }
  auto operator<=>(const ObjectRef&) const = default;
};

// "NetworkPolicy shop/web", "Namespace shop".
std::string to_string(const ObjectRef& object);

struct Diagnostic {
  std::string rule;
  Severity severity = Severity::error;
  std::string message;
  SourceLocation location;
  std::size_t column = 1;
  ObjectRef object;   // empty when the finding is about no object (a file that does not parse)
  std::string field;  // the field of `object`, as kubectl names it ("spec.ingress[0].ports[1]"), when known
  // False when `location.file` names where the object was read but no file (the cluster): its line
  // and column point nowhere a reader can open, and `object` says which object it is.
  bool in_file = true;
  // Set by a rule whose finding is less (or more) severe than the rule's own level in this case,
  // e.g. "selects no pod" when no inventory says which pods exist.
  std::optional<Severity> severity_override;
  // The namespaces the finding is about besides `object`'s: an observed edge's ends, whose policy
  // may live in the other namespace.
  std::vector<std::string> involves;
};

struct LintContext;

struct Rule {
  std::string id;  // kebab-case, unique
  Severity severity = Severity::error;
  std::string summary;
  std::string remediation;
  // Returns findings; the runner fills in `rule` and `severity`.
  std::vector<Diagnostic> (*check)(const LintContext& context) = nullptr;
};

// Every built-in rule, sorted by id.
const std::vector<const Rule*>& builtin_rules();

struct LintInput {
  std::vector<std::string> paths;
  // (origin, text) read along with the files, e.g. the cluster's objects (--from-cluster); a
  // file's object wins over one of these with the same kind, namespace and name. Their objects
  // are in no file: findings on them name the object (Diagnostic::in_file is false).
  std::vector<std::pair<std::string, std::string>> texts;
  const Inventory* inventory = nullptr;            // pods and namespaces, from recommend's inventory
  std::string inventory_origin;                    // its path, for messages
  const Graph* flows = nullptr;                    // the dependency graph of observed flows (--flows)
  InputErrors input_errors = InputErrors::report;  // a file that does not parse: a finding, or the end (--strict-input)
  // What is reported: findings on objects of these namespaces or involving them, and files that
  // did not parse (which may hold them). Every rule still sees every object.
  ReportScope scope;
};

struct Report {
  std::vector<Diagnostic> diagnostics;       // sorted by file, line, column, object, field, rule
  std::vector<std::string> notes;            // files and documents that were skipped
  std::vector<UnanalysedPolicy> unanalysed;  // policies of other kinds no rule checked (of the scope, or cluster-wide)
  std::size_t policies = 0;                  // of the namespaces reported on
  std::size_t policies_read = 0;             // of every namespace (each checked; findings are scoped)
  bool scoped = false;                       // -n: only findings involving some namespaces are reported
  std::set<std::string> namespaces;          // every namespace of what was read: objects, pods and policies
  std::size_t unparsable = 0;                // files that did not parse (each an unparsable-file finding)
  // With flows: how many observed edges the policies' state could judge (both ends known to it);
  // none means observed-flow-blocked checked nothing.
  std::optional<std::size_t> flow_edges_evaluated;

  std::size_t count(Severity severity) const;
};

// Reads the manifests and runs every rule. Errors: unreadable paths (io) and files that are not
// valid YAML or JSON (invalid_input, with file and line).
Result<Report> run_lint(const LintInput& input, const std::vector<const Rule*>& rules = builtin_rules());

enum class Format { text, json, sarif, github };
std::string render(const Report& report, Format format, const std::vector<const Rule*>& rules = builtin_rules());

// The registry as documentation: Markdown (docs/lint-rules.md) or text.
std::string render_rules_markdown(const std::vector<const Rule*>& rules = builtin_rules());
std::string render_rules_text(const std::vector<const Rule*>& rules = builtin_rules());

}  // namespace netobs::lint
