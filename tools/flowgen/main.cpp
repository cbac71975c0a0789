// flowgen: writes netobs's sample scenario (samples/flows, samples/truth) and benchmark inputs.
// Deterministic: the same arguments always write the same bytes.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include "writers.hpp"

namespace flowgen {
Scenario bench_scenario(int namespaces, int workloads_per_namespace, int pods_per_workload);
bool write_bench_records(const Scenario& s, long long records, const std::string& path);
bool write_bench_hubble(const Scenario& s, long long megabytes, const std::string& path);
}  // namespace flowgen

namespace {

bool write(const std::filesystem::path& path, const std::string& content) {
  // A bare file name has no parent to create.
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  out.close();
  if (!out) std::cerr << "flowgen: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

int usage() {
  std::cerr << "usage: flowgen scenario SAMPLES_DIR\n"
               "       flowgen bench RECORDS FLOWS_FILE INVENTORY_FILE [WORKLOADS]\n"
               "       flowgen bench-hubble MEGABYTES FLOWS_FILE INVENTORY_FILE [WORKLOADS]\n"
               "WORKLOADS (default 1000): a multiple of 25 from 50 to 1000000; each workload has 4 pods,\n"
               "25 workloads a namespace.\n";
  return 2;
}

// The bench cluster grows by namespaces of the same shape, so 1,000 workloads is the scenario
// the benchmarks always had (same bytes) and a larger one only has more of its namespaces. At
// least two namespaces, so "one call into the next namespace" leaves its own; at most a size
// whose pod addresses stay unique and clear of CoreDNS's 10.200.0.53.
constexpr int k_workloads_per_namespace = 25;
constexpr int k_pods_per_workload = 4;

std::optional<flowgen::Scenario> bench_scenario_of(int argc, char** argv) {
  int workloads = 1000;
  if (argc == 6) {
    try {
      std::size_t end = 0;
      workloads = std::stoi(argv[5], &end);
      if (argv[5][end] != '\0') return std::nullopt;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  if (workloads < 2 * k_workloads_per_namespace || workloads > 1000000 || workloads % k_workloads_per_namespace != 0) {
    return std::nullopt;
  }
  return flowgen::bench_scenario(workloads / k_workloads_per_namespace, k_workloads_per_namespace, k_pods_per_workload);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string mode = argv[1];
  if (mode == "scenario" && argc == 3) {
    const std::filesystem::path dir = argv[2];
    const flowgen::Scenario s = flowgen::shop_scenario();
    const bool ok =
        write(dir / "flows" / "inventory.json", flowgen::inventory_json(s)) &&
        write(dir / "flows" / "hubble" / "shop-hubble-flows.jsonl", flowgen::hubble_lines(s)) &&
        write(dir / "flows" / "vpc" / "123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f60718_20251124T1600Z_shop.log",
              flowgen::vpc_object(s)) &&
        write(dir / "truth" / "connections.tsv", flowgen::truth_tsv(s));
    return ok ? 0 : 3;
  }
  if ((mode == "bench" || mode == "bench-hubble") && (argc == 5 || argc == 6)) {
    const std::optional<flowgen::Scenario> s = bench_scenario_of(argc, argv);
    if (!s) return usage();
    const long long amount = std::stoll(argv[2]);
    const bool written = mode == "bench" ? flowgen::write_bench_records(*s, amount, argv[3])
                                         : flowgen::write_bench_hubble(*s, amount, argv[3]);
    return written && write(argv[4], flowgen::inventory_json(*s)) ? 0 : 3;
  }
  return usage();
}
