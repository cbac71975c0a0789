#include <algorithm>
#include <array>
#include <atomic>
#include <utility>

#include <netobs/option.hpp>

namespace netobs {
namespace {

// The one table of option names in the library, in the order of the enum (checked below).
constexpr std::array k_option_names{
    std::pair{Option::agent_retry_for, std::string_view("agent_retry_for")},
    std::pair{Option::agent_token_file, std::string_view("agent_token_file")},
    std::pair{Option::aggregate_aws, std::string_view("aggregate_aws")},
    std::pair{Option::all_namespaces, std::string_view("all_namespaces")},
    std::pair{Option::apiserver_cidr, std::string_view("apiserver_cidr")},
    std::pair{Option::aws_ip_ranges, std::string_view("aws_ip_ranges")},
    std::pair{Option::cluster_cidr, std::string_view("cluster_cidr")},
    std::pair{Option::context, std::string_view("context")},
    std::pair{Option::default_deny, std::string_view("default_deny")},
    std::pair{Option::dns, std::string_view("dns")},
    std::pair{Option::dns_ip, std::string_view("dns_ip")},
    std::pair{Option::dns_selector, std::string_view("dns_selector")},
    std::pair{Option::duration, std::string_view("duration")},
    std::pair{Option::edges, std::string_view("edges")},
    std::pair{Option::egress_names, std::string_view("egress_names")},
    std::pair{Option::engine, std::string_view("engine")},
    std::pair{Option::exclude_namespace, std::string_view("exclude_namespace")},
    std::pair{Option::fail_on, std::string_view("fail_on")},
    std::pair{Option::flows, std::string_view("flows")},
    std::pair{Option::follow, std::string_view("follow")},
    std::pair{Option::format, std::string_view("format")},
    std::pair{Option::from_cluster, std::string_view("from_cluster")},
    std::pair{Option::input_format, std::string_view("input_format")},
    std::pair{Option::inventory, std::string_view("inventory")},
    std::pair{Option::kubeconfig, std::string_view("kubeconfig")},
    std::pair{Option::list_rules, std::string_view("list_rules")},
    std::pair{Option::log_format, std::string_view("log_format")},
    std::pair{Option::max_alias_nodes, std::string_view("max_alias_nodes")},
    std::pair{Option::max_depth, std::string_view("max_depth")},
    std::pair{Option::max_documents, std::string_view("max_documents")},
    std::pair{Option::max_file_bytes, std::string_view("max_file_bytes")},
    std::pair{Option::max_flows, std::string_view("max_flows")},
    std::pair{Option::max_line_bytes, std::string_view("max_line_bytes")},
    std::pair{Option::max_nodes, std::string_view("max_nodes")},
    std::pair{Option::namespaces, std::string_view("namespaces")},
    std::pair{Option::prometheus, std::string_view("prometheus")},
    std::pair{Option::prometheus_token_file, std::string_view("prometheus_token_file")},
    std::pair{Option::prune, std::string_view("prune")},
    std::pair{Option::since, std::string_view("since")},
    std::pair{Option::table, std::string_view("table")},
    std::pair{Option::until, std::string_view("until")},
    std::pair{Option::vpc_format, std::string_view("vpc_format")},
    std::pair{Option::vpc_resources, std::string_view("vpc_resources")},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < k_option_names.size(); ++i) {
    if (static_cast<std::size_t>(k_option_names[i].first) != i) return false;
  }
  return static_cast<std::size_t>(Option::vpc_resources) + 1 == k_option_names.size();
}
static_assert(in_enum_order(), "k_option_names lists every Option once, in the order of the enum");

constexpr std::array<Option, k_option_names.size()> every_option() {
  std::array<Option, k_option_names.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = k_option_names[i].first;
  return out;
}
constexpr std::array k_every_option = every_option();

// Read by the ingest threads too (their messages name options), so atomic.
std::atomic<OptionSpeller> g_option_speller{nullptr};

constexpr std::string_view k_placeholder_open = "{option:";

}  // namespace

std::span<const Option> all_options() { return k_every_option; }

std::string_view option_name(Option option) { return k_option_names.at(static_cast<std::size_t>(option)).second; }

std::string spell(Option option) {
  const OptionSpeller speller = g_option_speller.load(std::memory_order_relaxed);
  return speller != nullptr ? speller(option) : std::string(option_name(option));
}

void set_option_speller(OptionSpeller speller) { g_option_speller.store(speller, std::memory_order_relaxed); }

std::string spell_options(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find(k_placeholder_open, pos);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    const std::string_view name =
        text.substr(open + k_placeholder_open.size(), close - open - k_placeholder_open.size());
    const auto* named = std::find_if(k_option_names.begin(), k_option_names.end(),
                                     [&](const auto& entry) { return entry.second == name; });
    out += text.substr(pos, open - pos);
    out += named != k_option_names.end() ? spell(named->first) : std::string(text.substr(open, close + 1 - open));
    pos = close + 1;
  }
  out += text.substr(pos);
  return out;
}

}  // namespace netobs
