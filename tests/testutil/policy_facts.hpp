// The allow facts of a recommendation, (policy, direction, peer, port): as the kind-neutral model
// says them, in one output kind's vocabulary, and as that kind's written documents say them, read
// back independently of the writers. Equal sets mean the kind dropped and widened nothing.
#pragma once

#include <set>
#include <string>
#include <tuple>

#include <netobs/policy_model.hpp>
#include <netobs/render.hpp>

namespace netobs::testing {

using Fact = std::tuple<std::string, std::string, std::string, std::string>;  // policy, in|out, peer, port
using Facts = std::set<Fact>;

// The model's facts in `kind`'s vocabulary, the cluster tiers --default-deny adds included.
Facts model_facts(const PolicyModel& model, OutputKind kind);

// Renders `model` as `kind` (JSON) and reads every document back, the cluster-scoped ones too
// (the tiers' Admin DNS allow and Baseline deny, with their action, tier and namespaces), which
// are also listed in `cluster_kinds` as "apiVersion Kind".
Facts written_facts(const PolicyModel& model, OutputKind kind, std::set<std::string>& cluster_kinds);

std::string describe(const Fact& fact);

}  // namespace netobs::testing
