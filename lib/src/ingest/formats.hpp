// The table of flow record formats: a name for --input-format, a sniffer for detection and a
// reader. A new format is one reader file and one entry in formats.cpp.
#pragma once

#include <span>
#include <string_view>

#include "context.hpp"

namespace netobs {

struct FlowFormat {
  std::string_view name;   // --input-format value
  std::string_view label;  // in the summary's list of sources
  // True when one line (without its newline) is a record (or header) in this format; detection
  // tries the table in order.
  bool (*sniff)(std::string_view line);
  // Reads the rest of `ctx.reader`.
  Result<void> (*read)(ReadContext& ctx);
};

std::span<const FlowFormat> flow_formats();
// The entry named `name`, or null.
const FlowFormat* find_flow_format(std::string_view name);
// Lines detection reads: enough that a banner ahead of the records (kubectl's "Defaulted
// container ...") or a stray line cannot decide for the file.
inline constexpr std::size_t k_detection_lines = 8;

struct FormatDetection {
  const FlowFormat* format = nullptr;
  std::size_t preamble_lines = 0;  // lines (blank ones included) ahead of the format's first record
  bool voted = false;              // false: no line looked like any format's record, and VPC is the fallback
};

// The format of a source from its first k_detection_lines lines with content (`head`; `whole`
// when it is all of the source): each line votes for the first entry whose sniffer accepts it,
// and the format with the most votes wins, ties to the one seen first. Without a vote: JSON
// (the first line is an object) or VPC, which then report why the lines are malformed.
FormatDetection detect_flow_format(std::string_view head, bool whole);

}  // namespace netobs
