// Answers of the Prometheus HTTP API (/api/v1/query, /api/v1/label/NAME/values): the envelope
// `{"status":"success"|"error","data":...,"errorType":...,"error":...}` and the two data shapes
// netobs asks for. Apart from the HTTP client, so the parsing is fuzzed on its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netobs {

struct PromApiAnswer {
  bool ok = false;
  std::string problem;            // when not ok: what the answer said, or why it is not one
  bool too_many_samples = false;  // the server refused the query as too large for its memory
};

// An /api/v1/query answer: on success, appends its instant vector to `text` as Prometheus text,
// one `metric{labels} value timestamp_ms` line per series (labels without __name__).
PromApiAnswer read_vector_answer(std::string_view body, std::string_view metric, std::string& text);

// An /api/v1/label/NAME/values answer: on success, its non-empty values.
PromApiAnswer read_label_values_answer(std::string_view body, std::vector<std::string>& values);

// A label value as a quoted, escaped literal of Prometheus text and PromQL alike.
std::string prom_label_literal(std::string_view value);

}  // namespace netobs
