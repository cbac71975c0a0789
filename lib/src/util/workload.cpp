#include <fmt/format.h>

#include <netobs/workload.hpp>

namespace netobs {

std::string workload_name(const WorkloadRef& ref) {
  return fmt::format("{}/{}[{}]", ref.namespace_name, ref.name, ref.kind);
}

}  // namespace netobs
