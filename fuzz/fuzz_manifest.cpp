// Policy and manifest files as lint, connectivity and diff load them, then every lint rule over
// what was loaded: each NetworkPolicy field the loader accepts must be safe to check and evaluate.
#include <string>

#include <netobs/lint.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::lint::LintInput input;
  input.texts.emplace_back("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  (void)netobs::lint::run_lint(input);
  return 0;
}
