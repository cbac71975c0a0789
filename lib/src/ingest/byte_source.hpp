// Where a line reader's bytes come from: a file, a byte range of one, standard input, or an
// HTTP body. Readers see only lines, so every format reads every kind of source.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <netobs/error.hpp>

namespace netobs {

class CollectState;

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes; 0 at the end of input (or when the collection must stop).
  virtual Result<std::size_t> read(char* into, std::size_t capacity) = 0;
  // The size of a regular file (to size buffers); nullopt for streams.
  virtual std::optional<std::uint64_t> size() const { return std::nullopt; }
  const std::string& display() const { return m_display; }
  // After read() returned 0: true when another body follows (the next scrape of a followed
  // metrics URL, each body read on its own); false at the real end of input.
  virtual bool more_bodies() const { return false; }

 protected:
  explicit ByteSource(std::string display) : m_display(std::move(display)) {}

 private:
  std::string m_display;
};

// A file, or standard input for "-" (what read_text_file kept of it, once it has read it whole).
// `collect` (may be null) ends a wait on a pipe or terminal when the collection must stop.
Result<std::unique_ptr<ByteSource>> open_file_source(const std::string& path, const std::string& display,
                                                     CollectState* collect = nullptr);
// `text` itself.
std::unique_ptr<ByteSource> open_memory_source(std::string text, std::string display);
// The flow metrics a Prometheus server answers to `query`, as Prometheus text (the series of
// each edge metric summed by edge labels, stamped with the evaluation time
// `query.at`, which must be set).
struct PrometheusQuery;
Result<std::unique_ptr<ByteSource>> open_prometheus_source(const PrometheusQuery& query, CollectState& collect);
// The body of GETs of `url`, reconnecting per the collection's options (see collect.hpp).
Result<std::unique_ptr<ByteSource>> open_http_source(const std::string& url, CollectState& collect);

}  // namespace netobs
