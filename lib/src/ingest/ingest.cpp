#include <netobs/ingest.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include <netobs/edge_file.hpp>

#include "byte_source.hpp"
#include "collect_state.hpp"
#include "formats.hpp"
#include "readers.hpp"
#include "vpc_format.hpp"

namespace netobs {
namespace {

namespace fs = std::filesystem;

// Counts the newlines in the first `length` bytes of `path`: what the second half of a file
// read in parallel needs to number its lines, at memory speed.
Result<std::size_t> count_lines(const std::string& path, const std::string& display, std::uint64_t length) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(4 << 20);
  std::size_t lines = 0;
  while (length > 0 && in) {
    in.read(buffer.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(buffer.size(), length)));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    lines += static_cast<std::size_t>(std::count(buffer.data(), buffer.data() + got, '\n'));
    length -= got;
  }
  if (length > 0) return make_error(ErrorKind::io, fmt::format("{}: read failed", display));
  return lines;
}

// The offset just after the first newline at or after the middle of the file; 0 when none.
std::uint64_t middle_line_start(const std::string& path, std::uint64_t size) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  in.seekg(static_cast<std::streamoff>(size / 2));
  in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  const auto got = static_cast<std::size_t>(in.gcount());
  const void* nl = std::memchr(buffer.data(), '\n', got);
  if (!nl) return 0;
  const std::uint64_t at = size / 2 + static_cast<std::uint64_t>(static_cast<const char*>(nl) - buffer.data()) + 1;
  return at < size ? at : 0;
}

// Reads a large plain VPC file as two halves in parallel; the result is the same as reading it
// in one pass, messages and line numbers included.
Result<void> ingest_vpc_in_parallel(const std::string& path, const std::string& display, std::uint64_t size,
                                    std::uint64_t middle, const VpcColumns& columns, const IngestOptions& options,
                                    const Inventory& inventory, FlowAggregate& aggregate, IngestSummary& summary) {
  FlowAggregate later_aggregate;
  IngestSummary later_summary;
  Result<void> later_result;
  {
    std::jthread worker([&] {
      auto lines_before = count_lines(path, display, middle);
      if (!lines_before) {
        later_result = tl::unexpected(lines_before.error());
        return;
      }
      auto reader = LineReader::open_range(path, display, middle, size - middle, *lines_before);
      if (!reader) {
        later_result = tl::unexpected(reader.error());
        return;
      }
      ReadContext ctx{options, inventory, later_aggregate, later_summary, **reader};
      later_result = read_vpc_records(ctx, &columns);
    });
    auto reader = LineReader::open_range(path, display, 0, middle, 0);
    if (!reader) return tl::unexpected(reader.error());
    ReadContext ctx{options, inventory, aggregate, summary, **reader};
    if (auto result = read_vpc_records(ctx); !result) return result;
  }
  if (!later_result) return later_result;
  aggregate.merge(later_aggregate);
  summary.merge(later_summary, options.max_messages);
  return {};
}

Result<void> ingest_one(const std::string& path, const std::string& display,
                        const IngestOptions& options, const Inventory& inventory,
                        FlowAggregate& aggregate, IngestSummary& summary, CollectState& collect) {
  const bool url = is_url_source(path);
  auto source = url ? open_http_source(path, collect) : open_file_source(path, display, &collect);
  if (!source) return tl::unexpected(source.error());
  const std::optional<std::uint64_t> size = (*source)->size();
  auto reader = LineReader::open(std::move(*source));
  if (!reader) return tl::unexpected(reader.error());
  ReadContext ctx{options, inventory, aggregate, summary, **reader, &collect};
  const FlowFormat* format = find_flow_format(options.format);
  if (!format) {
    if (options.format != "auto") {
      return make_error(ErrorKind::usage, fmt::format("unknown input format '{}'", options.format));
    }
    auto head = (*reader)->peek_line();
    if (!head) return tl::unexpected(head.error());
    format = &detect_flow_format(*head);
  }
  summary.sources.push_back(fmt::format("{} ({}{})", (*reader)->display(), format->label, (*reader)->gzip() ? ", gzip" : ""));
  const bool splittable = format->name == "vpc" && size && !(*reader)->gzip() && !collect.bounded();
  if (splittable && *size >= options.parallel_min_bytes && std::thread::hardware_concurrency() >= 2) {
    const std::uint64_t middle = middle_line_start(path, *size);
    std::string_view first_line;
    while ((*reader)->next(first_line) && first_line.find_first_not_of(" \t") == std::string_view::npos) {
    }
    auto columns = initial_vpc_columns(options, first_line);
    if (!columns) return tl::unexpected(columns.error());
    if (middle > 0) {
      return ingest_vpc_in_parallel(path, display, *size, middle, *columns, options, inventory, aggregate, summary);
    }
    // One line longer than half the file: read it in one pass.
    reader = LineReader::open(path, display);
    if (!reader) return tl::unexpected(reader.error());
    ReadContext whole{options, inventory, aggregate, summary, **reader};
    return read_vpc_records(whole);
  }
  auto read = format->read(ctx);
  collect.finish(summary);
  return read;
}

Result<void> ingest_prometheus(const PrometheusQuery& query, const IngestOptions& options, const Inventory& inventory,
                               FlowAggregate& aggregate, IngestSummary& summary, CollectState& collect) {
  PrometheusQuery at_a_time = query;
  if (at_a_time.at <= 0) {
    at_a_time.at = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  auto source = open_prometheus_source(at_a_time, collect);
  if (!source) return tl::unexpected(source.error());
  auto reader = LineReader::open(std::move(*source));
  if (!reader) return tl::unexpected(reader.error());
  summary.sources.push_back(fmt::format("{} (flow metrics)", (*reader)->display()));
  ReadContext ctx{options, inventory, aggregate, summary, **reader, &collect};
  if (auto read = read_flow_metrics(ctx); !read) return read;
  // The series count traffic over the whole window, not at the evaluation time they carry.
  summary.see_time(at_a_time.at - at_a_time.window, at_a_time.at);
  return {};
}

Result<void> ingest_path(const std::string& source, const IngestOptions& options, const Inventory& inventory,
                         FlowAggregate& aggregate, IngestSummary& summary, CollectState& collect) {
  if (source == "-") return ingest_one("-", "<stdin>", options, inventory, aggregate, summary, collect);
  if (is_url_source(source)) {
    return ingest_one(source, display_url(source), options, inventory, aggregate, summary, collect);
  }
  std::error_code ec;
  const fs::file_status status = fs::status(source, ec);
  if (ec) {
    return make_error(ErrorKind::io, fmt::format("{}: cannot read: {}", source, ec.message()));
  }
  if (!fs::is_directory(status)) return ingest_one(source, source, options, inventory, aggregate, summary, collect);

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
    if (collect.done(summary, aggregate.edges.size())) break;
    if (auto result = ingest_one(file, file, options, inventory, aggregate, summary, collect); !result) return result;
  }
  return {};
}

}  // namespace

Result<void> ingest_sources(const std::vector<std::string>& sources, const IngestOptions& options,
                            const Inventory& inventory, FlowAggregate& aggregate, IngestSummary& summary) {
  CollectState collect(options.collect);
  const std::string& checkpoint = options.collect.checkpoint;
  if (!checkpoint.empty()) {
    std::error_code ec;
    if (fs::exists(checkpoint, ec)) {
      if (auto resumed = read_edge_file(checkpoint, aggregate, summary); !resumed) return resumed;
    }
    collect.set_checkpoint([&] { return write_edge_file(checkpoint, aggregate, summary); });
  }
  collect.count_from(summary.records_read - summary.malformed_count);
  for (const auto& source : sources) {
    if (collect.done(summary, aggregate.edges.size())) break;
    if (auto read = ingest_path(source, options, inventory, aggregate, summary, collect); !read) {
      // What was collected before the failure is kept for a later run.
      if (!checkpoint.empty()) (void)write_edge_file(checkpoint, aggregate, summary);
      return read;
    }
  }
  for (const auto& query : options.prometheus) {
    if (collect.done(summary, aggregate.edges.size())) break;
    if (auto read = ingest_prometheus(query, options, inventory, aggregate, summary, collect); !read) return read;
  }
  summary.reconnects += collect.reconnects();
  if (collect.partial_lines() > 0) summary.skip("line cut off by a broken connection or the end of collection", collect.partial_lines());
  if (collect.error()) return tl::unexpected(*collect.error());
  if (!checkpoint.empty()) return write_edge_file(checkpoint, aggregate, summary);
  return {};
}

Result<void> ingest_source(const std::string& source, const IngestOptions& options,
                           const Inventory& inventory, FlowAggregate& aggregate,
                           IngestSummary& summary) {
  return ingest_sources({source}, options, inventory, aggregate, summary);
}

}  // namespace netobs
