// kubeconfig files as --kubeconfig names them: contexts, clusters, users, exec plugins (read,
// never run) and the credential fields.
#include "fuzz_input.hpp"
#include "kube/kubeconfig.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::kube::KubeconfigOptions options;
  options.kubeconfig = netobs::fuzz::as_file(data, size);
  options.env_kubeconfig = "";
  options.home = "/nonexistent";
  options.service_account_dir = "/nonexistent";
  (void)netobs::kube::resolve_target(options);
  return 0;
}
