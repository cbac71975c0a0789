#include "kube/kubeconfig.hpp"

#include <gtest/gtest.h>

#include "testutil/temp_dir.hpp"

namespace netobs::kube {
namespace {

// A kubeconfig with two contexts; tokens and paths vary per test.
const char* const k_config = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster:
    server: https://dev.example:6443/
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmNhCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
    tls-server-name: api.dev.example
    proxy-url: http://proxy.example:3128
- name: prod-cluster
  cluster:
    server: https://prod.example
    certificate-authority: certs/ca.pem
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user}
- name: prod
  context: {cluster: prod-cluster, user: prod-user}
users:
- name: dev-user
  user:
    token: dev-token
- name: prod-user
  user:
    tokenFile: secrets/token
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
      env: [{name: AWS_PROFILE, value: prod}]
      interactiveMode: Never
)";

KubeconfigOptions options_for(const std::string& path) {
  KubeconfigOptions options;
  options.kubeconfig = path;
  options.env_kubeconfig = "";
  options.home = "/nonexistent";
  return options;
}

TEST(Kubeconfig, CurrentContextGivesClusterAndUser) {
  testing::TempDir dir;
  auto target = resolve_target(options_for(dir.write("config", k_config)));
  ASSERT_TRUE(target) << describe(target.error());
  EXPECT_EQ(target->server, "https://dev.example:6443");
  EXPECT_EQ(target->context, "dev");
  EXPECT_EQ(target->user, "dev-user");
  EXPECT_EQ(target->token, "dev-token");
  EXPECT_EQ(target->tls.ca_pem, "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(target->tls.server_name, "api.dev.example");
  EXPECT_EQ(target->tls.proxy_url, "http://proxy.example:3128");
  EXPECT_FALSE(target->exec);
}

TEST(Kubeconfig, ContextOptionAndPathsRelativeToTheFile) {
  testing::TempDir dir;
  dir.write("certs/ca.pem", "PEM");
  auto options = options_for(dir.write("config", k_config));
  options.context = "prod";
  auto target = resolve_target(options);
  ASSERT_TRUE(target) << describe(target.error());
  EXPECT_EQ(target->tls.ca_pem, "PEM");
  EXPECT_EQ(target->token_file, (dir.path() / "secrets/token").string());
  ASSERT_TRUE(target->exec);
  EXPECT_EQ(target->exec->command, "aws");  // a bare name is looked up in PATH
  EXPECT_EQ(target->exec->args.size(), 4U);
  EXPECT_EQ(target->exec->env.front(), std::make_pair(std::string("AWS_PROFILE"), std::string("prod")));
  EXPECT_EQ(target->exec->api_version, "client.authentication.k8s.io/v1beta1");
}

TEST(Kubeconfig, KubeconfigEnvironmentListIsMergedFirstWins) {
  testing::TempDir dir;
  const std::string first = dir.write("first", R"(current-context: prod
users:
- name: dev-user
  user: {token: first-token}
)");
  const std::string second = dir.write("second", k_config);
  dir.write("certs/ca.pem", "PEM");
  KubeconfigOptions options;
  options.env_kubeconfig = first + ":" + (dir.path() / "missing").string() + ":" + second;
  options.home = "/nonexistent";
  options.context = "dev";
  auto target = resolve_target(options);
  ASSERT_TRUE(target) << describe(target.error());
  EXPECT_EQ(target->token, "first-token");  // the first file to name a user wins
  options.context.clear();
  target = resolve_target(options);
  ASSERT_TRUE(target) << describe(target.error());
  EXPECT_EQ(target->context, "prod");  // and the first current-context
}

TEST(Kubeconfig, HomeConfigIsTheDefault) {
  testing::TempDir dir;
  dir.write(".kube/config", k_config);
  KubeconfigOptions options;
  options.env_kubeconfig = "";
  options.home = dir.path().string();
  auto target = resolve_target(options);
  ASSERT_TRUE(target) << describe(target.error());
  EXPECT_EQ(target->context, "dev");
}

TEST(Kubeconfig, InClusterServiceAccountWithoutKubeconfig) {
  testing::TempDir dir;
  dir.write("sa/token", "sa-token\n");
  dir.write("sa/ca.crt", "CA");
  KubeconfigOptions options;
  options.env_kubeconfig = "";
  options.home = "/nonexistent";
  options.service_account_dir = (dir.path() / "sa").string();
  options.service_host = "fd00::1";
  options.service_port = "443";
  auto target = resolve_target(options);
  ASSERT_TRUE(target) << describe(target.error());
  EXPECT_EQ(target->server, "https://[fd00::1]:443");
  EXPECT_EQ(target->token_file, (dir.path() / "sa/token").string());
  EXPECT_EQ(target->tls.ca_pem, "CA");
}

TEST(Kubeconfig, NothingAtAllIsAnInputErrorSayingWhatToDo) {
  KubeconfigOptions options;
  options.env_kubeconfig = "";
  options.home = "/nonexistent";
  options.service_account_dir = "/nonexistent";
  auto target = resolve_target(options);
  ASSERT_FALSE(target);
  EXPECT_EQ(target.error().kind, ErrorKind::no_cluster_config);
  EXPECT_NE(describe(target.error()).find("give kubeconfig,"), std::string::npos);
}

TEST(Kubeconfig, ErrorsNameTheFileAndWhatIsMissing) {
  testing::TempDir dir;
  const std::string path = dir.write("config", k_config);
  auto options = options_for(path);
  options.context = "staging";
  auto target = resolve_target(options);
  ASSERT_FALSE(target);
  EXPECT_EQ(describe(target.error()), path + ": no context named 'staging'");

  options = options_for(dir.write("dangling", R"(current-context: a
contexts: [{name: a, context: {cluster: gone, user: u}}]
)"));
  target = resolve_target(options);
  ASSERT_FALSE(target);
  EXPECT_NE(describe(target.error()).find("names cluster 'gone', which is not defined"), std::string::npos);

  options = options_for(dir.write("badca", R"(current-context: a
contexts: [{name: a, context: {cluster: c}}]
clusters: [{name: c, cluster: {server: "https://x", certificate-authority-data: "not base64!"}}]
)"));
  target = resolve_target(options);
  ASSERT_FALSE(target);
  EXPECT_NE(describe(target.error()).find("certificate-authority-data of the cluster 'c' is not base64"),
            std::string::npos);

  options = options_for(dir.write("noserver", R"(current-context: a
contexts: [{name: a, context: {cluster: c}}]
clusters: [{name: c, cluster: {server: "ftp://x"}}]
)"));
  target = resolve_target(options);
  ASSERT_FALSE(target);
  EXPECT_NE(describe(target.error()).find("no http(s) server address"), std::string::npos);

  options = options_for(dir.write("halfcert", R"(current-context: a
contexts: [{name: a, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://x"}}]
users: [{name: u, user: {client-certificate-data: Y2VydA==}}]
)"));
  target = resolve_target(options);
  ASSERT_FALSE(target);
  EXPECT_NE(describe(target.error()).find("without the other"), std::string::npos);

  options = options_for(dir.write("oldexec", R"(current-context: a
contexts: [{name: a, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://x"}}]
users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}}]
)"));
  target = resolve_target(options);
  ASSERT_FALSE(target);
  EXPECT_NE(describe(target.error()).find("v1alpha1"), std::string::npos);
}

TEST(Kubeconfig, SecretsNeverAppearInErrors) {
  testing::TempDir dir;
  auto options = options_for(dir.write("config", R"(current-context: a
contexts: [{name: a, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://x", certificate-authority: missing.pem}}]
users: [{name: u, user: {token: super-secret-token}}]
)"));
  auto target = resolve_target(options);
  ASSERT_FALSE(target);
  EXPECT_EQ(describe(target.error()).find("super-secret-token"), std::string::npos);
  EXPECT_NE(describe(target.error()).find("missing.pem"), std::string::npos);
}

}  // namespace
}  // namespace netobs::kube
