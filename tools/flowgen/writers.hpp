// Writers of the scenario's inventory, flow records and ground truth.
#pragma once

#include <cstdint>
#include <string>

#include "endpoints.hpp"
#include "scenario.hpp"

namespace flowgen {

std::string inventory_json(const Scenario& scenario);
// Hubble `hubble observe -o json` lines for the connections Hubble saw.
std::string hubble_lines(const Scenario& scenario);
// Appends one Hubble flow line (`hubble observe -o json`) from `src` to `dst` to `out`.
void hubble_line(std::string& out, const Scenario& s, std::int64_t time, int nanos, const Endpoint& src,
                 const Endpoint& dst, const std::string& protocol, int sport, int dport, const char* flags, bool reply,
                 const char* direction, const char* verdict = "FORWARDED", const char* drop_reason = nullptr);
// An S3-style VPC flow log object (custom v5 format, header line) for the connections that
// crossed an ENI.
std::string vpc_object(const Scenario& scenario);
// The ground truth: "client<TAB>server<TAB>protocol<TAB>port<TAB>attributable".
std::string truth_tsv(const Scenario& scenario);

// Deterministic pseudo-random numbers (splitmix64), so every run writes the same bytes.
class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }

 private:
  std::uint64_t m_state;
};

}  // namespace flowgen
