#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <string_view>
#include <system_error>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <netobs/clock.hpp>
#include <netobs/edge_file.hpp>
#include <netobs/ingest.hpp>
#include <netobs/option.hpp>

#include "byte_source.hpp"
#include "collect_state.hpp"
#include "formats.hpp"
#include "readers.hpp"
#include "record_pipeline.hpp"
#include "source_content.hpp"
#include "util/document.hpp"
#include "vpc_format.hpp"

namespace netobs {
namespace {

namespace fs = std::filesystem;

// Reads a VPC source on two threads (record_pipeline.hpp); the result is the same as reading it
// in one, messages, their order and line numbers included.
Result<void> ingest_in_two_stages(LineReader& reader, const FlowFormat& format, const IngestOptions& options,
                                  const Inventory& inventory, FlowAggregate& aggregate, IngestSummary& summary) {
  IngestSummary folded;
  ReadContext folding{options, inventory, aggregate, folded, reader};
  ReadContext reading{options, inventory, aggregate, summary, reader};
  const std::size_t earlier = summary.malformed.size();  // messages of the sources before this one
  Result<void> read;
  Result<void> fold;
  {
    RecordHandoff handoff(folding);
    reading.hand_off_to(&handoff);
    read = format.read(reading);
    fold = handoff.finish();
  }
  // Each thread wrote the messages of the lines it parsed, in line order: merge them.
  auto by_line = [](const MalformedRecord& a, const MalformedRecord& b) {
    return a.error.where.line < b.error.where.line;
  };
  std::vector<MalformedRecord> messages;
  std::merge(std::make_move_iterator(summary.malformed.begin() + static_cast<std::ptrdiff_t>(earlier)),
             std::make_move_iterator(summary.malformed.end()), std::make_move_iterator(folded.malformed.begin()),
             std::make_move_iterator(folded.malformed.end()), std::back_inserter(messages), by_line);
  summary.malformed.resize(earlier);
  for (auto& message : messages) {
    if (summary.malformed.size() < options.max_messages) summary.malformed.push_back(std::move(message));
  }
  folded.malformed.clear();
  summary.merge(folded, options.max_messages);
  // Stopped by an error on each thread (the strict mode's first malformed line): one thread
  // would have stopped at the earlier.
  if (!read && !fold) return fold.error().where.line < read.error().where.line ? fold : read;
  return read ? fold : read;
}

// What a source holds and, for flows, their format and the lines ahead of the first record.
struct DetectedSource {
  SourceContent content;
  FormatDetection format;
};

Result<DetectedSource> detect_source(LineReader& reader) {
  auto head = reader.peek_lines(k_detection_lines);
  if (!head) return tl::unexpected(head.error());
  DetectedSource detected;
  detected.format = detect_flow_format(head->text, head->whole);
  detected.content = classify_source(head->text, reader.display(), detected.format.voted);
  return detected;
}

// Lines ahead of the first record (kubectl's "Defaulted container ..." banner) cost themselves,
// not the file: they are counted and skipped, never parsed as records.
void skip_preamble(LineReader& reader, std::size_t lines, IngestSummary& summary) {
  std::string_view line;
  for (std::size_t i = 0; i < lines && reader.next(line); ++i) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++summary.records_read;
    summary.skip({SkipReason::banner_line});
  }
}

// Most records of a source malformed: the format is likely wrong, so say how to name it.
void warn_when_mostly_malformed(const std::string& display, const FlowFormat& format, bool forced,
                                std::uint64_t records, std::uint64_t malformed, IngestSummary& summary) {
  if (malformed == 0 || malformed * 2 <= records) return;
  summary.warnings.push_back(
      fmt::format("{}: {} of {} malformed as {} records; {}", display, malformed,
                  records == 1 ? std::string("1 record is") : fmt::format("{} records are", records), format.name,
                  forced ? fmt::format("is {} {} right?", spell(Option::input_format), format.name)
                         : fmt::format("if it holds another format, name it with {} ({})", spell(Option::input_format),
                                       fmt::join(flow_format_names(), ", "))));
}

// Two threads pay only with two cores; tests take them on one too (ingest.hpp: TwoThreadRead).
bool two_threads_wanted(const IngestOptions& options) {
  if (options.two_thread_read == TwoThreadRead::always) return true;
  const char* forced = std::getenv("NETOBS_TWO_THREAD_READ");
  if (forced != nullptr && std::string_view(forced) == "always") return true;
  return std::thread::hardware_concurrency() >= 2;
}

Result<void> ingest_one(const std::string& path, const std::string& display, const IngestOptions& options,
                        const Inventory& inventory, FlowAggregate& aggregate, IngestSummary& summary,
                        CollectState& collect) {
  const bool url = is_url_source(path);
  auto source = url ? open_http_source(path, collect) : open_file_source(path, display, &collect);
  if (!source) return tl::unexpected(source.error());
  const std::optional<std::uint64_t> size = (*source)->size();
  auto reader = LineReader::open(std::move(*source));
  if (!reader) return tl::unexpected(reader.error());
  const FlowFormat* format = find_flow_format(options.format);
  const bool forced = format != nullptr;
  std::size_t preamble = 0;
  if (!format) {
    if (options.format != "auto") {
      return make_error(ErrorKind::usage, fmt::format("unknown input format '{}'", options.format));
    }
    auto detected = detect_source(**reader);
    if (!detected) return tl::unexpected(detected.error());
    if (detected->content.kind == ContentKind::kubernetes_list) {
      summary.notes.push_back(fmt::format("{}: a Kubernetes List, not flow records: skipped (give it with {})",
                                          (*reader)->display(), spell(Option::inventory)));
      return {};
    }
    if (detected->content.kind == ContentKind::empty && !url) {
      // Not a format's records: an empty file (or stdin) is no VPC log, nor any other. An agent's
      // first answer may be empty and the next one not: it is read on.
      summary.notes.push_back(fmt::format("{}: empty: no flow records", (*reader)->display()));
      return {};
    }
    if (detected->content.kind == ContentKind::not_flows) {
      summary.notes.push_back(fmt::format("{}: {}, not flow records: skipped ({} reads it anyway)",
                                          (*reader)->display(), detected->content.what, spell(Option::input_format)));
      return {};
    }
    format = detected->format.format;
    preamble = detected->format.preamble_lines;
  }
  summary.sources.push_back(
      fmt::format("{} ({}{})", (*reader)->display(), format->label, (*reader)->gzip() ? ", gzip" : ""));
  const std::uint64_t records_before = summary.records_read;
  const std::uint64_t malformed_before = summary.malformed_count;
  skip_preamble(**reader, preamble, summary);
  // Large files (and their gzip) are read on two threads; a bounded collection, standard input
  // and agents stay on one, where progress and bounds are checked per record. Both stop when asked.
  const bool two_stages = format->name == "vpc" && !url && size && *size >= options.parallel_min_bytes &&
                          !collect.bounded() && two_threads_wanted(options);
  auto read = [&]() -> Result<void> {
    if (two_stages) {
      ++summary.two_thread_sources;
      return ingest_in_two_stages(**reader, *format, options, inventory, aggregate, summary);
    }
    ReadContext ctx{options, inventory, aggregate, summary, **reader, &collect};
    return format->read(ctx);
  }();
  collect.finish(summary);
  if (read) {
    warn_when_mostly_malformed((*reader)->display(), *format, forced, summary.records_read - records_before,
                               summary.malformed_count - malformed_before, summary);
  }
  return read;
}

Result<void> ingest_prometheus(const PrometheusQuery& query, const IngestOptions& options, const Inventory& inventory,
                               FlowAggregate& aggregate, IngestSummary& summary, CollectState& collect) {
  PrometheusQuery at_a_time = query;
  if (at_a_time.at <= 0) {
    at_a_time.at = now_seconds();
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

bool is_excluded_source(const IngestOptions& options, const fs::path& path) {
  std::error_code ec;
  return std::any_of(options.exclude.begin(), options.exclude.end(),
                     [&](const fs::path& p) { return fs::equivalent(p, path, ec); });
}

// The files a file or directory source stands for: a directory's regular files, recursively, in
// sorted order (so summaries and messages come out the same on every machine), hidden ones and
// options.exclude left out.
Result<std::vector<std::string>> source_files(const std::string& source, const IngestOptions& options) {
  std::error_code ec;
  const fs::file_status status = fs::status(source, ec);
  if (ec) {
    return cannot_read(source, ec.value());
  }
  if (!fs::is_directory(status)) {
    if (is_excluded_source(options, source)) return std::vector<std::string>{};
    return std::vector<std::string>{source};
  }
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(source, fs::directory_options::follow_directory_symlink, ec), end;
       !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (!is_excluded_source(options, it->path())) files.push_back(it->path().string());
  }
  if (ec) return make_error(ErrorKind::io, fmt::format("{}: cannot list: {}", source, ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

Result<void> ingest_path(const std::string& source, const IngestOptions& options, const Inventory& inventory,
                         FlowAggregate& aggregate, IngestSummary& summary, CollectState& collect, FilesRead& read) {
  if (source == k_stdin_path)
    return ingest_one(source, input_name(source), options, inventory, aggregate, summary, collect);
  if (is_url_source(source)) {
    return ingest_one(source, display_url(source), options, inventory, aggregate, summary, collect);
  }
  auto files = source_files(source, options);
  if (!files) return tl::unexpected(files.error());
  for (const auto& file : *files) {
    if (collect.done(summary, aggregate.edges.size())) break;
    if (!read.first(file, summary.notes)) continue;
    if (auto result = ingest_one(file, file, options, inventory, aggregate, summary, collect); !result) return result;
  }
  return {};
}

}  // namespace

Result<void> ingest_sources(const std::vector<std::string>& sources, const IngestOptions& options,
                            const Inventory& inventory, FlowAggregate& aggregate, IngestSummary& summary) {
  CollectState collect(options.collect);
  const std::string& checkpoint = options.collect.checkpoint;
  // Edge files are read as sources: the checkpoint, resumed from here, is not read again when it
  // sits in a directory of sources.
  IngestOptions walk = options;
  if (!checkpoint.empty()) {
    std::error_code ec;
    if (fs::exists(checkpoint, ec)) {
      if (auto resumed = read_edge_file(checkpoint, aggregate, summary); !resumed) return resumed;
    }
    collect.set_checkpoint([&] { return write_edge_file(checkpoint, aggregate, summary); });
    walk.exclude.emplace_back(checkpoint);
  }
  collect.count_from(summary.records_read - summary.malformed_count);
  FilesRead files_read;
  for (const auto& source : sources) {
    if (collect.done(summary, aggregate.edges.size())) break;
    if (auto read = ingest_path(source, walk, inventory, aggregate, summary, collect, files_read); !read) {
      // An agent that stayed away past its retry budget ends a collection like a signal would,
      // when the caller keeps what was collected; other failures (a bad file, --strict) fail it.
      if (options.collect.keep_after_failure && read.error().kind == ErrorKind::network) {
        summary.failure = describe(read.error());
        break;
      }
      // What was collected before the failure is kept for a later run.
      if (!checkpoint.empty()) (void)write_edge_file(checkpoint, aggregate, summary);
      return read;
    }
  }
  for (const auto& query : options.prometheus) {
    if (!summary.failure.empty() || collect.done(summary, aggregate.edges.size())) break;
    if (auto read = ingest_prometheus(query, options, inventory, aggregate, summary, collect); !read) return read;
  }
  summary.reconnects += collect.reconnects();
  const std::vector<CollectionGap> gaps = collect.gaps();
  summary.gaps.insert(summary.gaps.end(), gaps.begin(), gaps.end());
  if (collect.partial_lines() > 0) summary.skip({SkipReason::line_cut_off}, collect.partial_lines());
  if (collect.error()) return tl::unexpected(*collect.error());
  // Saved before settling: the file keeps denied connections as such, for any later run to decide.
  if (!checkpoint.empty()) {
    if (auto saved = write_edge_file(checkpoint, aggregate, summary); !saved) return saved;
  }
  if (options.settle_denied) settle_denied(aggregate, summary, options.dropped);
  return {};
}

Result<std::vector<std::string>> kubernetes_lists_among(const std::vector<std::string>& sources,
                                                        const IngestOptions& options) {
  std::vector<std::string> lists;
  if (options.format != "auto") return lists;  // the user said what the sources hold
  for (const auto& source : sources) {
    if (source == "-" || is_url_source(source)) continue;  // read once, as flows
    auto files = source_files(source, options);
    if (!files) return tl::unexpected(files.error());
    for (const auto& file : *files) {
      auto reader = LineReader::open(file, file);
      if (!reader) return tl::unexpected(reader.error());
      auto detected = detect_source(**reader);
      if (!detected) return tl::unexpected(detected.error());
      if (detected->content.kind == ContentKind::kubernetes_list) lists.push_back(file);
    }
  }
  return lists;
}

Result<void> ingest_source(const std::string& source, const IngestOptions& options, const Inventory& inventory,
                           FlowAggregate& aggregate, IngestSummary& summary) {
  return ingest_sources({source}, options, inventory, aggregate, summary);
}

}  // namespace netobs
