// flowgen: writes netobs's sample scenario (samples/flows, samples/truth) and benchmark inputs.
// Deterministic: the same arguments always write the same bytes.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
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
               "       flowgen bench RECORDS FLOWS_FILE INVENTORY_FILE\n"
               "       flowgen bench-hubble MEGABYTES FLOWS_FILE INVENTORY_FILE\n";
  return 2;
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
  if (mode == "bench" && argc == 5) {
    const long long records = std::stoll(argv[2]);
    const flowgen::Scenario s = flowgen::bench_scenario(40, 25, 4);
    const bool ok = flowgen::write_bench_records(s, records, argv[3]) && write(argv[4], flowgen::inventory_json(s));
    return ok ? 0 : 3;
  }
  if (mode == "bench-hubble" && argc == 5) {
    const flowgen::Scenario s = flowgen::bench_scenario(40, 25, 4);
    const bool ok =
        flowgen::write_bench_hubble(s, std::stoll(argv[2]), argv[3]) && write(argv[4], flowgen::inventory_json(s));
    return ok ? 0 : 3;
  }
  return usage();
}
