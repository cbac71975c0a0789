#include "option_flags.hpp"

#include <algorithm>

namespace netobs::cli {

std::string option_flag(Option option) {
  // Messages name these by the short form users type ("give -A (or -n kube-system)").
  switch (option) {
    case Option::all_namespaces:
      return "-A";
    case Option::namespaces:
      return "-n";
    default:
      break;
  }
  std::string flag = "--" + std::string(option_name(option));
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

}  // namespace netobs::cli
