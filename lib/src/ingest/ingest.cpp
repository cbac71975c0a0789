#include <netobs/ingest.hpp>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "readers.hpp"

namespace netobs {
namespace {

namespace fs = std::filesystem;

Result<void> ingest_one(const std::string& path, const std::string& display,
                        const IngestOptions& options, const Inventory& inventory,
                        FlowAggregate& aggregate, IngestSummary& summary) {
  auto reader = LineReader::open(path, display);
  if (!reader) return tl::unexpected(reader.error());
  ReadContext ctx{options, inventory, aggregate, summary, **reader};
  InputFormat format = options.format;
  if (format == InputFormat::auto_detect) {
    auto head = (*reader)->peek(4096);
    if (!head) return tl::unexpected(head.error());
    const auto first = head->find_first_not_of(" \t\r\n");
    format = first != std::string_view::npos && (*head)[first] == '{' ? InputFormat::hubble
                                                                       : InputFormat::vpc;
  }
  const char* name = format == InputFormat::hubble ? "json" : "vpc";
  summary.sources.push_back(fmt::format("{} ({}{})", display, name, (*reader)->gzip() ? ", gzip" : ""));
  return format == InputFormat::hubble ? read_json_records(ctx) : read_vpc_records(ctx);
}

}  // namespace

Result<void> ingest_source(const std::string& source, const IngestOptions& options,
                           const Inventory& inventory, FlowAggregate& aggregate,
                           IngestSummary& summary) {
  if (source == "-") return ingest_one("-", "<stdin>", options, inventory, aggregate, summary);
  std::error_code ec;
  const fs::file_status status = fs::status(source, ec);
  if (ec) {
    return make_error(ErrorKind::io, fmt::format("{}: cannot read: {}", source, ec.message()));
  }
  if (!fs::is_directory(status)) return ingest_one(source, source, options, inventory, aggregate, summary);

  // Sorted, so summaries and messages come out in the same order on every machine.
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(source, fs::directory_options::follow_directory_symlink, ec), end;
       !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::error_code same_ec;
    const bool excluded = std::any_of(options.exclude.begin(), options.exclude.end(), [&](const fs::path& p) {
      return fs::equivalent(p, it->path(), same_ec);
    });
    if (!excluded) files.push_back(it->path().string());
  }
  if (ec) return make_error(ErrorKind::io, fmt::format("{}: cannot list: {}", source, ec.message()));
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    if (auto result = ingest_one(file, file, options, inventory, aggregate, summary); !result) return result;
  }
  return {};
}

}  // namespace netobs
