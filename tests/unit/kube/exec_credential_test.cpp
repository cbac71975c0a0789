#include "kube/exec_credential.hpp"

#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "testutil/temp_dir.hpp"

namespace netobs::kube {
namespace {

// A plugin script that counts its runs in `calls` and prints `credential`.
std::string plugin(const testing::TempDir& dir, const std::string& credential) {
  const std::string calls = (dir.path() / "calls").string();
  const std::string path =
      dir.write("plugin.sh", "#!/bin/sh\necho run >>" + calls + "\ncat <<'EOF'\n" + credential + "\nEOF\n");
  chmod(path.c_str(), 0755);
  return path;
}

int calls(const testing::TempDir& dir) {
  std::ifstream in(dir.path() / "calls");
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

ExecConfig config_for(const std::string& command, const std::string& version = "client.authentication.k8s.io/v1") {
  ExecConfig config;
  config.api_version = version;
  config.command = command;
  config.origin = "test.kubeconfig";
  return config;
}

TEST(ExecCredential, TokenIsCachedUntilItExpires) {
  forget_credentials();
  testing::TempDir dir;
  const std::string command = plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",
    "status":{"token":"t0k3n","expirationTimestamp":"2099-01-01T00:00:00Z"}})");
  for (int i = 0; i < 3; ++i) {
    auto credential = exec_credential(config_for(command), "https://a");
    ASSERT_TRUE(credential) << describe(credential.error());
    EXPECT_EQ(credential->token, "t0k3n");
  }
  EXPECT_EQ(calls(dir), 1);
}

TEST(ExecCredential, ExpiredCredentialRunsThePluginAgain) {
  forget_credentials();
  testing::TempDir dir;
  const std::string command =
      plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",
    "status":{"token":"old","expirationTimestamp":"2001-01-01T00:00:00Z"}})");
  const ExecConfig config = config_for(command, "client.authentication.k8s.io/v1beta1");
  ASSERT_TRUE(exec_credential(config, "https://a"));
  ASSERT_TRUE(exec_credential(config, "https://a"));
  EXPECT_EQ(calls(dir), 2);
}

TEST(ExecCredential, ClientCertificateCredential) {
  forget_credentials();
  testing::TempDir dir;
  const std::string command = plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",
    "status":{"clientCertificateData":"CERT","clientKeyData":"KEY"}})");
  auto credential = exec_credential(config_for(command), "https://a");
  ASSERT_TRUE(credential) << describe(credential.error());
  EXPECT_EQ(credential->client_cert_pem, "CERT");
  EXPECT_EQ(credential->client_key_pem, "KEY");
  EXPECT_FALSE(credential->expires);
}

TEST(ExecCredential, BadAnswersAreNamedErrors) {
  forget_credentials();
  testing::TempDir dir;
  auto error_of = [&](const std::string& output, const std::string& version = "client.authentication.k8s.io/v1") {
    forget_credentials();
    auto credential = exec_credential(config_for(plugin(dir, output), version), "https://a");
    return credential ? std::string("ok") : describe(credential.error());
  };
  EXPECT_NE(error_of("not json").find("did not print an ExecCredential"), std::string::npos);
  EXPECT_NE(error_of(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})")
                .find("neither a token nor a client certificate"),
            std::string::npos);
  EXPECT_NE(
      error_of(
          R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}})")
          .find("the kubeconfig asks for 'client.authentication.k8s.io/v1'"),
      std::string::npos);
  EXPECT_NE(
      error_of(
          R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x","expirationTimestamp":"soon"}})")
          .find("expirationTimestamp"),
      std::string::npos);
  auto missing = exec_credential(config_for((dir.path() / "no-such-plugin").string()), "https://a");
  ASSERT_FALSE(missing);
  EXPECT_NE(describe(missing.error()).find("cannot run"), std::string::npos);
  ExecConfig interactive = config_for("true");
  interactive.interactive_mode = "Always";
  auto refused = exec_credential(interactive, "https://a");
  ASSERT_FALSE(refused);
  EXPECT_NE(describe(refused.error()).find("interactive"), std::string::npos);
}

}  // namespace
}  // namespace netobs::kube
