// Inline manifests loaded for engine tests, and the engine's answer between two of their pods.
#pragma once

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include <netobs/engine.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs::testing {

// Loads inline manifests; the set must outlive the engine.
struct Cluster {
  explicit Cluster(const std::string& yaml) {
    TempDir dir;
    auto loaded = load_manifests({dir.write("m.yaml", yaml)});
    EXPECT_TRUE(loaded) << (loaded ? "" : describe(loaded.error()));
    if (loaded) set = std::move(*loaded);
  }
  const ClusterPod& pod(const std::string& name) const {
    for (const auto& p : set.pods) {
      if (p.name == name) return p;
    }
    throw std::runtime_error("no pod " + name);
  }
  std::string allowed(const std::string& from, const std::string& to, IpBlockScope scope = IpBlockScope::all) const {
    return PolicyEngine(set, scope).allowed(Endpoint::of(pod(from)), Endpoint::of(pod(to))).to_string();
  }
  ManifestSet set;
};

}  // namespace netobs::testing
