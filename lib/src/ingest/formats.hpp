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
  // True when a source's first bytes are in this format; detection tries the table in order.
  bool (*sniff)(std::string_view head);
  // Reads the rest of `ctx.reader`.
  Result<void> (*read)(ReadContext& ctx);
};

std::span<const FlowFormat> flow_formats();
// The entry named `name`, or null.
const FlowFormat* find_flow_format(std::string_view name);
// The first entry whose sniffer accepts `head`.
const FlowFormat& detect_flow_format(std::string_view head);

}  // namespace netobs
