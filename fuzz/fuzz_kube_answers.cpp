// What a Kubernetes API server and an exec credential plugin send back: list pages (the first
// byte picks which parser) and ExecCredential objects.
#include <string>

#include "fuzz_input.hpp"
#include "kube/exec_credential.hpp"
#include "kube/list_page.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 1) != 0) {
    (void)netobs::kube::parse_exec_credential(text, "client.authentication.k8s.io/v1", "fuzz plugin");
  } else {
    (void)netobs::kube::parse_list_page(text, "https://127.0.0.1:6443/api/v1/pods?limit=500");
  }
  return 0;
}
