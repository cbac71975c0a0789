#include "lint/rules/rules.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint::rules {
namespace {

// A CIDR the API accepts: an address, a slash and a prefix length of its family.
std::optional<Cidr> cidr_of(const json& value) {
  if (!value.is_string()) return std::nullopt;
  return parse_cidr(value.get<std::string>());
}

Diagnostics check_invalid_ip_block(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    for_each_peer(input, [&](PolicyType, const json& peer, const std::string& pointer) {
      if (!peer.is_object() || !peer.contains("ipBlock")) return;
      const json& block = peer["ipBlock"];
      const std::string at = pointer + "/ipBlock";
      if (!block.is_object()) {
        out.push_back(ctx.at(input, at, "ipBlock is " + type_name(block) + ", not a map"));
        return;
      }
      for (const auto& [key, value] : block.items()) {
        if (key != "cidr" && key != "except")
          out.push_back(ctx.at(input, at + "/" + key, "unknown field '" + key + "' in ipBlock"));
      }
      if (!block.contains("cidr") || block["cidr"].is_null()) {
        out.push_back(ctx.at(input, at, "ipBlock without a cidr"));
        return;
      }
      const auto cidr = cidr_of(block["cidr"]);
      if (!cidr) {
        out.push_back(ctx.at(input, at + "/cidr",
                             "cidr " + k8s::to_json_text(block["cidr"]) + " is not a CIDR such as 10.0.0.0/16"));
        return;
      }
      if (!block.contains("except") || block["except"].is_null()) return;
      if (!block["except"].is_array()) {
        out.push_back(ctx.at(input, at + "/except", "except is " + type_name(block["except"]) + ", not a list"));
        return;
      }
      for (std::size_t i = 0; i < block["except"].size(); ++i) {
        const json& value = block["except"][i];
        const std::string here = at + "/except/" + std::to_string(i);
        const auto except = cidr_of(value);
        if (!except) {
          out.push_back(ctx.at(input, here, "except " + k8s::to_json_text(value) + " is not a CIDR"));
        } else if (except->base.is_v4() != cidr->base.is_v4()) {
          out.push_back(ctx.at(input, here,
                               "except " + k8s::to_json_text(value) + " is of another IP family than cidr " +
                                   k8s::to_json_text(block["cidr"])));
        } else if (!cidr->contains(except->base) || except->prefix_len <= cidr->prefix_len) {
          out.push_back(ctx.at(input, here,
                               "except " + k8s::to_json_text(value) + " is not strictly inside cidr " +
                                   k8s::to_json_text(block["cidr"])));
        }
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_invalid_ip_block{
    "invalid-ip-block", Severity::error,
    "ipBlock the API server rejects (missing or bad cidr, except outside the cidr or of another family)",
    "Write ipBlock.cidr as a CIDR (10.0.0.0/16) and each except as a smaller range strictly inside it.",
    &check_invalid_ip_block};

}  // namespace netobs::lint::rules
