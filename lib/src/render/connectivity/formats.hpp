// One renderer per connectivity output format, selected in render_connectivity.
#pragma once

#include <string>

#include <netobs/connectivity.hpp>

namespace netobs {

std::string connectivity_txt(const ConnectivityReport& report);   // SRC => DST : CONNS
std::string connectivity_json(const ConnectivityReport& report);  // [{"src","dst","conn"}]
std::string connectivity_csv(const ConnectivityReport& report);   // src,dst,conn (RFC 4180)
std::string connectivity_md(const ConnectivityReport& report);    // a Markdown table
std::string connectivity_dot(const ConnectivityReport& report);   // a Graphviz digraph

}  // namespace netobs
