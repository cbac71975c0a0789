#include "scenario.hpp"

namespace flowgen {

Scenario shop_scenario() {
  Scenario s;
  s.window_start = 1764000000;  // 2025-11-24T16:00:00Z
  s.window_end = s.window_start + 3600;
  const std::int64_t boot = s.window_start - 86400;
  s.nodes = {{"ip-10-0-1-10.ec2.internal", "10.0.1.10"},
             {"ip-10-0-2-10.ec2.internal", "10.0.2.10"},
             {"ip-10-0-3-10.ec2.internal", "10.0.3.10"}};
  const std::string n1 = s.nodes[0].name, n2 = s.nodes[1].name, n3 = s.nodes[2].name;
  auto app = [](const std::string& name, const std::string& component) {
    return std::vector<std::pair<std::string, std::string>>{{"app.kubernetes.io/component", component},
                                                            {"app.kubernetes.io/name", name}};
  };
  auto volatile_labels = [](const std::string& version) {
    return std::vector<std::pair<std::string, std::string>>{{"app.kubernetes.io/version", version},
                                                            {"helm.sh/chart", "shop-1.4.2"}};
  };
  s.workloads = {
      {"ui",
       "Deployment",
       "ui",
       app("ui", "service"),
       volatile_labels("1.4.2"),
       {{"http", 8080}},
       {{"ui-5d8f7c9b4-abcde", "10.0.1.21", n1, boot, false}, {"ui-5d8f7c9b4-fghij", "10.0.2.21", n2, boot, false}}},
      {"catalog",
       "Deployment",
       "catalog",
       app("catalog", "service"),
       volatile_labels("1.4.2"),
       {{"http", 8080}},
       {{"catalog-6c7d8e9f5-klmno", "10.0.2.31", n2, boot, false}},
       false,
       "6c7d8e9f5"},
      {"catalog",
       "StatefulSet",
       "catalog-mysql",
       app("catalog", "mysql"),
       {},
       {{"mysql", 3306}},
       {{"catalog-mysql-0", "10.0.3.31", n3, boot, false}}},
      {"carts",
       "Deployment",
       "carts",
       app("carts", "service"),
       volatile_labels("1.4.2"),
       {{"http", 8080}},
       {{"carts-7b8c9d6f4-pqrst", "10.0.1.41", n1, boot, false}},
       false,
       "7b8c9d6f4"},
      {"checkout",
       "Deployment",
       "checkout",
       app("checkout", "service"),
       volatile_labels("1.4.2"),
       {{"http", 8080}},
       {{"checkout-8c9d7e6f5-uvwxy", "10.0.2.51", n2, boot, false}},
       false,
       "8c9d7e6f5"},
      {"checkout",
       "Deployment",
       "checkout-redis",
       app("checkout", "redis"),
       {},
       {{"redis", 6379}},
       {{"checkout-redis-9d7e6f5c4-zabcd", "10.0.3.51", n3, boot, false}},
       false,
       "9d7e6f5c4"},
      {"orders",
       "Deployment",
       "orders",
       app("orders", "service"),
       volatile_labels("1.4.2"),
       {{"http", 8080}},
       // The first pod holds 10.0.2.40 since 16:30; before that a finished cleanup Job had it.
       {{"orders-6f5c4d3b2-efghi", "10.0.2.40", n2, s.window_start + 1800, false},
        {"orders-6f5c4d3b2-jklmn", "10.0.3.61", n3, boot, false}},
       false,
       "6f5c4d3b2"},
      {"orders",
       "StatefulSet",
       "orders-rabbitmq",
       app("orders", "rabbitmq"),
       {},
       {{"amqp", 5672}, {"management", 15672}},
       {{"orders-rabbitmq-0", "10.0.1.61", n1, boot, false}}},
      {"orders",
       "CronJob",
       "orders-cleanup",
       app("orders", "cleanup"),
       {},
       {},
       {{"orders-cleanup-29380000-qrstu", "10.0.2.40", n2, s.window_start + 60, true}}},
      {"kube-system",
       "Deployment",
       "coredns",
       {{"k8s-app", "kube-dns"}},
       {{"eks.amazonaws.com/component", "coredns"}},
       {{"dns", 53}, {"metrics", 9153}},
       {{"coredns-5b6c7d8e9-vwxyz", "10.0.1.71", n1, boot, false},
        {"coredns-5b6c7d8e9-abcxy", "10.0.3.71", n3, boot, false}},
       false,
       "5b6c7d8e9"},
      {"kube-system",
       "DaemonSet",
       "kube-proxy",
       {{"k8s-app", "kube-proxy"}},
       {},
       {},
       {{"kube-proxy-a1b2c", "10.0.1.10", n1, boot, false}},
       true},
  };
  s.services = {
      {"ui", "ui", "172.20.10.10", app("ui", "service"), {{"TCP", 80, "http"}}},
      {"catalog", "catalog", "172.20.20.10", app("catalog", "service"), {{"TCP", 80, "http"}}},
      {"catalog", "catalog-mysql", "172.20.20.20", app("catalog", "mysql"), {{"TCP", 3306, "3306"}}},
      {"carts", "carts", "172.20.30.10", app("carts", "service"), {{"TCP", 80, "http"}}},
      {"checkout", "checkout", "172.20.40.10", app("checkout", "service"), {{"TCP", 80, "http"}}},
      {"checkout", "checkout-redis", "172.20.40.20", app("checkout", "redis"), {{"TCP", 6379, "redis"}}},
      {"orders", "orders", "172.20.50.10", app("orders", "service"), {{"TCP", 80, "http"}}},
      {"orders", "orders-rabbitmq", "172.20.50.20", app("orders", "rabbitmq"), {{"TCP", 5672, "amqp"}}},
      {"kube-system", "kube-dns", "172.20.0.10", {{"k8s-app", "kube-dns"}}, {{"UDP", 53, "53"}, {"TCP", 53, "53"}}},
  };
  const char* internet_client = "198.51.100.23";
  const char* dynamodb = "52.94.1.12";
  const char* payments_api = "93.184.216.34";
  const char* image_cdn = "151.101.1.57";
  const char* rds = "10.0.4.50";  // Amazon RDS for PostgreSQL in the same VPC, outside the cluster
  s.connections = {
      {internet_client, "ui/ui", "TCP", 8080, 40, false, true, false, "internet client through an NLB (IP targets)"},
      {"ui/ui", "catalog/catalog", "TCP", 8080, 30, true, true},
      {"ui/ui", "carts/carts", "TCP", 8080, 20, true, true},
      {"ui/ui", "checkout/checkout", "TCP", 8080, 10, true, true},
      {"ui/ui", "orders/orders", "TCP", 8080, 5, true, true},
      {"catalog/catalog", "catalog/catalog-mysql", "TCP", 3306, 25, true, true},
      {"carts/carts", dynamodb, "TCP", 443, 15, true, true, true, "DynamoDB; SNATed in VPC records"},
      {"checkout/checkout", "checkout/checkout-redis", "TCP", 6379, 12, true, true},
      {"checkout/checkout", "orders/orders", "TCP", 8080, 8, true, true},
      {"checkout/checkout", payments_api, "TCP", 443, 6, true, true, true, "payments API; SNATed in VPC records"},
      {"orders/orders", "orders/orders-rabbitmq", "TCP", 5672, 9, true, true},
      {"orders/orders", rds, "TCP", 5432, 14, true, true, false, "RDS PostgreSQL"},
      {"orders/orders-cleanup", "orders/orders", "TCP", 8080, 2, false, true, false, "before its IP was reused"},
      {"catalog/catalog", image_cdn, "TCP", 443, 4, false, true, true, "only in VPC records, SNATed: unattributable"},
      {"ui/ui", "kube-system/coredns", "UDP", 53, 50, true, true},
      {"catalog/catalog", "kube-system/coredns", "UDP", 53, 20, true, true},
      {"orders/orders", "kube-system/coredns", "UDP", 53, 10, true, true},
      {"checkout/checkout", "kube-system/coredns", "TCP", 53, 2, true, false},
  };
  return s;
}

}  // namespace flowgen
