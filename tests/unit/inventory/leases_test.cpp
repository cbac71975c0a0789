// The identities netobs gives pod addresses it cannot attribute: one name per status, written by
// ingest and read back by the graph (tests/unit/pipeline/ip_reuse_test.cpp runs both).
#include <gtest/gtest.h>

#include <netobs/inventory.hpp>

namespace netobs {
namespace {

TEST(HolderIdentity, NamesTheUnattributableStatusesAndReadsThemBack) {
  EXPECT_EQ(holder_identity(IpHolder::Status::ambiguous), "netobs:ambiguous-pod-address");
  EXPECT_EQ(holder_identity(IpHolder::Status::unattributed), "netobs:unheld-pod-address");
  EXPECT_EQ(holder_identity(IpHolder::Status::pod), "");
  EXPECT_EQ(holder_identity(IpHolder::Status::not_a_pod_address), "");
  for (const auto status : {IpHolder::Status::ambiguous, IpHolder::Status::unattributed}) {
    EXPECT_EQ(holder_status_of(holder_identity(status)), status);
  }
  EXPECT_EQ(holder_status_of(""), std::nullopt);
  EXPECT_EQ(holder_status_of("world"), std::nullopt);
  EXPECT_EQ(holder_status_of("netobs:"), std::nullopt);
}

}  // namespace
}  // namespace netobs
