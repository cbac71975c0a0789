// Bounds on the work any one input may cause. netobs reads what other systems (and pull requests
// from anyone) write, so every parser stops with a clear error instead of exhausting memory or
// time. The defaults fit the largest real inputs; the CLI raises them with --max-* options.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace netobs {

struct InputLimits {
  std::size_t max_depth = 256;                // nesting of one YAML or JSON document
  std::size_t max_nodes = 5'000'000;          // values in one document, aliases expanded
  std::size_t max_alias_nodes = 100'000;      // values that YAML aliases add to one document
  std::size_t max_documents = 100'000;        // YAML documents in one file
  std::size_t max_line_bytes = 64ULL << 20;   // one line of a flow log (a record without a newline)
  std::uint64_t max_file_bytes = 1ULL << 30;  // a file read whole: manifests, inventories, kubeconfigs, API answers
};

// The limits in force for this process; set once, before any input is read.
const InputLimits& input_limits();
void set_input_limits(const InputLimits& limits);

}  // namespace netobs
