// One renderer per diff output format, selected in render_diff, plus the wording they share.
#pragma once

#include <string>

#include <netobs/diff.hpp>

namespace netobs {

std::string diff_txt(const PolicyDiff& diff);
std::string diff_json(const PolicyDiff& diff);
std::string diff_md(const PolicyDiff& diff);

// "TCP 8080 from a to b (12 flows)"
std::string describe_flow(const FlowChange& change);
// "3 added, 1 removed, 2 changed" over the changes' types.
template <typename Changes>
std::string count_types(const Changes& changes);

}  // namespace netobs
