#include "rule_groups.hpp"

#include <map>
#include <tuple>

namespace netobs::kinds {

std::vector<RuleGroup> rule_groups(const std::vector<AllowEntry>& entries,
                                   const std::function<int(const AllowPeer&)>& split) {
  std::map<std::tuple<bool, std::set<PortKey>, int>, std::vector<const AllowPeer*>> grouped;
  for (const AllowEntry& entry : entries) {
    grouped[{entry.for_dns, entry.ports, split ? split(entry.peer) : 0}].push_back(&entry.peer);
  }
  std::vector<RuleGroup> out;
  out.reserve(grouped.size());
  for (auto& [key, peers] : grouped) out.push_back(RuleGroup{std::get<1>(key), std::move(peers)});
  return out;
}

EgressParts split_egress(const std::vector<AllowEntry>& egress) {
  EgressParts parts;
  for (const AllowEntry& entry : egress) (entry.for_dns ? parts.for_dns : parts.observed).push_back(entry);
  return parts;
}

nlohmann::ordered_json metadata(const std::string& name, const std::string& ns,
                                const std::map<std::string, std::string>& annotations) {
  nlohmann::ordered_json out;
  out["name"] = name;
  if (!ns.empty()) out["namespace"] = ns;
  out["labels"]["app.kubernetes.io/managed-by"] = "netobs";
  for (const auto& [key, value] : annotations) out["annotations"][key] = value;
  return out;
}

}  // namespace netobs::kinds
