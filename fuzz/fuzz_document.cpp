// The YAML/JSON document reader under everything that reads Kubernetes objects: with and
// without positions, and the JSON-only parser the API client uses.
#include <string>

#include "fuzz_input.hpp"
#include "util/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto documents = netobs::parse_located_documents(text, "fuzz.yaml")) {
    for (const auto& doc : *documents) {
      for (const auto& [pointer, mark] : doc.marks) {
        if (mark.first == 0 || mark.second == 0 || doc.location(pointer).line == 0) __builtin_trap();
      }
    }
  }
  (void)netobs::parse_documents(text, "fuzz.yaml");
  (void)netobs::parse_json(text, "fuzz.json");
  return 0;
}
