// What every kind's writer shares: the model's entries grouped into rules, and the metadata.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/policy_model.hpp>

namespace netobs::kinds {

// One rule's worth of the model: peers that were seen on exactly the same ports, so a rule's
// peers x ports is exactly what was observed.
struct RuleGroup {
  std::set<PortKey> ports;
  std::vector<const AllowPeer*> peers;  // in the model's order
};

// Groups `entries` by port set: first the observed ones, then the DNS server's own (for_dns), each
// ordered by port set. `split` (may be empty) further separates peers a kind cannot put in one
// rule: entries with different split keys never share a group.
std::vector<RuleGroup> rule_groups(const std::vector<AllowEntry>& entries,
                                   const std::function<int(const AllowPeer&)>& split = {});

// A workload's egress in the order every kind writes it: the observed entries, then (where the
// kind adds it) the rule to cluster DNS, then the DNS server's own needs (for_dns).
struct EgressParts {
  std::vector<AllowEntry> observed;
  std::vector<AllowEntry> for_dns;
};
EgressParts split_egress(const std::vector<AllowEntry>& egress);

// metadata {name, namespace (unless empty), labels: managed-by netobs, annotations}.
nlohmann::ordered_json metadata(const std::string& name, const std::string& ns,
                                const std::map<std::string, std::string>& annotations = {});

}  // namespace netobs::kinds
