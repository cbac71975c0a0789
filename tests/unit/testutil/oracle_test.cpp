// The oracle and shared-sample tests fall back to the project's own small cases only where
// ../shared is absent: a ../shared that is there but cannot be read fails here, so the suite
// never passes on one local case while the oracle it claims to check was never read.
#include "testutil/oracle.hpp"

#include <gtest/gtest.h>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

TEST(SharedOracles, WhereSharedIsPresentEveryPartTheTestsReadCanBeListed) {
  for (const char* part : {"oracle/np-guard", "oracle/np-guard/cases", "oracle/np-guard/expected/diff",
                           "oracle/np-guard/expected/connlist", "oracle/nca-bad-path", "oracle/crds", "samples"}) {
    EXPECT_EQ(testing::shared_problem(testing::shared_dir(), part), "") << part;
  }
}

TEST(SharedOracles, AnAbsentSharedIsNoProblem) {
  const testing::TempDir dir;
  EXPECT_EQ(testing::shared_problem(dir.path() / "shared", "oracle/np-guard"), "");
}

TEST(SharedOracles, APresentSharedWhoseOracleCannotBeListedIsOne) {
  const testing::TempDir dir;
  const auto shared = dir.path() / "shared";
  // Not a folder: as unreadable as a folder without permissions (which root could read anyway).
  dir.write("shared/oracle/np-guard", "not a folder");
  EXPECT_NE(testing::shared_problem(shared, "oracle/np-guard").find("oracle/np-guard: "), std::string::npos);
  EXPECT_NE(testing::shared_problem(shared, "oracle/nca-bad-path").find("oracle/nca-bad-path: "), std::string::npos);
  std::filesystem::create_directories(shared / "oracle" / "empty");
  EXPECT_NE(testing::shared_problem(shared, "oracle/empty").find("oracle/empty: empty"), std::string::npos);
  dir.write("shared/oracle/good/case.yaml", "kind: List\n");
  EXPECT_EQ(testing::shared_problem(shared, "oracle/good"), "");
  // The oracle tests use ../shared's folder whenever ../shared is there, readable or not.
  if (std::filesystem::exists(testing::shared_dir())) {
    EXPECT_EQ(testing::oracle_roots("np-guard").front(), testing::shared_dir() / "oracle" / "np-guard");
  }
}

}  // namespace
}  // namespace netobs
