#include "common.hpp"

#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/inventory.hpp>
#include <netobs/output.hpp>

namespace netobs::cli {

std::optional<ManifestSet> load_inputs(const std::string& command, const std::vector<std::string>& paths,
                                       const std::vector<std::string>& inventories, std::ostream& err) {
  auto set = load_manifests(paths);
  if (!set) {
    fmt::print(err, "netobs {}: {}\n", command, set.error().message);
    return std::nullopt;
  }
  for (const auto& path : inventories) {
    Inventory inventory;
    if (auto loaded = inventory.load_file(path); !loaded) {
      fmt::print(err, "netobs {}: {}\n", command, loaded.error().message);
      return std::nullopt;
    }
    add_inventory(*set, inventory, path);
  }
  for (const auto& note : set->notes) fmt::print(err, "netobs {}: note: {}\n", command, note);
  return std::move(*set);
}

ExitCode write_result(const std::string& command, const std::string& text, const std::string& output,
                      std::ostream& out, std::ostream& err) {
  if (!output.empty()) {
    if (auto written = write_file_atomically(output, text); !written) {
      fmt::print(err, "netobs {}: {}\n", command, written.error().message);
      return ExitCode::input_error;
    }
    return ExitCode::ok;
  }
  out << text;
  out.flush();
  if (!out) {
    fmt::print(err, "netobs {}: cannot write to standard output\n", command);
    return ExitCode::input_error;
  }
  return ExitCode::ok;
}

IpBlockScope parse_scope(const std::string& text) { return text == "external" ? IpBlockScope::external : IpBlockScope::all; }

void one_value_per_use(CLI::App& cmd) {
  for (CLI::Option* option : cmd.get_options()) {
    if (option->get_items_expected_max() > 1 && !option->get_positional()) option->allow_extra_args(false);
  }
}

}  // namespace netobs::cli
