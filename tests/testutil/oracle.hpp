// Shared pieces of the tests that read ../shared's oracles: whole files, and gtest-safe names
// for parameterised cases.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace netobs::testing {

// The bytes of `path` ("" when it cannot be read).
std::string read_file(const std::filesystem::path& path);

// A case name as a gtest parameter name: every character that is not alphanumeric becomes '_'.
std::string param_name(const ::testing::TestParamInfo<std::string>& info);

// The folders of oracle `name` ("np-guard", "nca-bad-path"): ../shared/oracle/NAME when ../shared
// is present (readable or not: shared_problem() says which), then the project's own small one in
// tests/data/oracle/NAME, written in the same layout so the oracle tests run in a plain clone too.
std::vector<std::filesystem::path> oracle_roots(const std::string& name);

// What keeps the tests from reading `part` ("oracle/np-guard") of `shared`, naming the path; ""
// when `shared` is absent (a plain clone: the local cases stand in) or `part` lists with at least
// one entry. A ../shared that is there but unreadable must fail the tests, never let them pass on
// the one local case.
std::string shared_problem(const std::filesystem::path& shared, const std::filesystem::path& part);

// ../shared beside the repository.
std::filesystem::path shared_dir();

// The files in `subdir` of every root of oracle `name` whose names end with `suffix`, as full
// paths, sorted within each root.
std::vector<std::string> oracle_files(const std::string& name, const std::string& subdir, const std::string& suffix);

// The root an oracle file path belongs to (`levels` folders up).
std::filesystem::path oracle_root_of(const std::string& file, int levels = 3);

// A gtest name for an oracle file: "shared_" or "local_" and the file's name.
std::string oracle_param_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace netobs::testing
