#include "lint/rules/rules.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint::rules {
namespace {

void check_selector(const LintContext& ctx, const PolicyInput& input, const std::string& pointer,
                    const std::string& what, Diagnostics& out) {
  const json* selector = input.at(pointer);
  if (!selector || !selector->is_object()) return;  // absence and wrong types are invalid-spec / invalid-peer
  for (const auto& [key, value] : selector->items()) {
    if (key != "matchLabels" && key != "matchExpressions") {
      out.push_back(ctx.at(input, pointer + "/" + key,
                           "unknown field '" + key + "' in " + what + " (expected matchLabels, matchExpressions)"));
    }
  }
  if (const json* labels = input.at(pointer + "/matchLabels"); labels && !labels->is_null()) {
    if (!labels->is_object()) {
      out.push_back(
          ctx.at(input, pointer + "/matchLabels", what + ".matchLabels is " + type_name(*labels) + ", not a map"));
    } else {
      for (const auto& [key, value] : labels->items()) {
        const std::string at = pointer + "/matchLabels/" + key;
        if (!is_label_key(key)) out.push_back(ctx.at(input, at, "label key '" + key + "' is not a valid label key"));
        if (!value.is_string()) {
          out.push_back(ctx.at(input, at, "label value of '" + key + "' is " + type_name(value) + ", not a string"));
        } else if (!is_label_value(value.get<std::string>())) {
          out.push_back(
              ctx.at(input, at,
                     "label value '" + value.get<std::string>() + "' of '" + key +
                         "' is not a valid label value (at most 63 of A-Z a-z 0-9 - _ ., alphanumeric at both ends)"));
        }
      }
    }
  }
  const json* expressions = input.at(pointer + "/matchExpressions");
  if (!expressions || expressions->is_null()) return;
  if (!expressions->is_array()) {
    out.push_back(ctx.at(input, pointer + "/matchExpressions",
                         what + ".matchExpressions is " + type_name(*expressions) + ", not a list"));
    return;
  }
  for (std::size_t i = 0; i < expressions->size(); ++i) {
    const json& expr = (*expressions)[i];
    const std::string at = pointer + "/matchExpressions/" + std::to_string(i);
    if (!expr.is_object()) {
      out.push_back(ctx.at(input, at, "match expression is " + type_name(expr) + ", not a map"));
      continue;
    }
    for (const auto& [key, value] : expr.items()) {
      if (key != "key" && key != "operator" && key != "values") {
        out.push_back(ctx.at(input, at + "/" + key, "unknown field '" + key + "' in a match expression"));
      }
    }
    if (!expr.contains("key") || !expr["key"].is_string()) {
      out.push_back(ctx.at(input, expr.contains("key") ? at + "/key" : at, "match expression without a string key"));
    } else if (!is_label_key(expr["key"].get<std::string>())) {
      out.push_back(
          ctx.at(input, at + "/key", "key '" + expr["key"].get<std::string>() + "' is not a valid label key"));
    }
    const std::string op =
        expr.contains("operator") && expr["operator"].is_string() ? expr["operator"].get<std::string>() : "";
    if (op != "In" && op != "NotIn" && op != "Exists" && op != "DoesNotExist") {
      out.push_back(ctx.at(input, expr.contains("operator") ? at + "/operator" : at,
                           "operator must be In, NotIn, Exists or DoesNotExist"));
      continue;
    }
    const json* values = expr.contains("values") ? &expr["values"] : nullptr;
    if (values && !values->is_null() && !values->is_array()) {
      out.push_back(ctx.at(input, at + "/values", "values is " + type_name(*values) + ", not a list"));
      continue;
    }
    const bool has_values = values && values->is_array() && !values->empty();
    if ((op == "In" || op == "NotIn") && !has_values) {
      out.push_back(ctx.at(input, at, "operator " + op + " needs a non-empty values list"));
    }
    if ((op == "Exists" || op == "DoesNotExist") && has_values) {
      out.push_back(ctx.at(input, at + "/values", "operator " + op + " takes no values"));
    }
    if (values && values->is_array()) {
      for (std::size_t v = 0; v < values->size(); ++v) {
        const json& value = (*values)[v];
        if (!value.is_string() || !is_label_value(value.get<std::string>())) {
          out.push_back(ctx.at(input, at + "/values/" + std::to_string(v),
                               "value " + k8s::to_json_text(value) + " is not a valid label value"));
        }
      }
    }
  }
}

Diagnostics check_invalid_selector(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    check_selector(ctx, input, "/spec/podSelector", "spec.podSelector", out);
    for_each_peer(input, [&](PolicyType, const json&, const std::string& pointer) {
      check_selector(ctx, input, pointer + "/podSelector", "podSelector", out);
      check_selector(ctx, input, pointer + "/namespaceSelector", "namespaceSelector", out);
    });
  }
  return out;
}

}  // namespace

const Rule k_invalid_selector{
    "invalid-selector", Severity::error,
    "Label selector the API server rejects (bad label keys or values, malformed matchExpressions)",
    "Use valid label keys ([prefix/]name) and values, and In/NotIn with values or Exists/DoesNotExist without.",
    &check_invalid_selector};

}  // namespace netobs::lint::rules
