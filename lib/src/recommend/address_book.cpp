#include <algorithm>

#include <fmt/format.h>

#include <netobs/address_book.hpp>

#include "util/document.hpp"

namespace netobs {
namespace {

using nlohmann::json;

Error entry_error(const LocatedDocument& doc, const std::string& pointer, const std::string& what) {
  const SourceLocation at = doc.location(pointer);
  return Error{ErrorKind::invalid_input, fmt::format("{}:{}: {}", at.file, at.line, what)};
}

Result<LocatedDocument> one_document(const std::string& text, const std::string& origin) {
  auto documents = parse_located_documents(text, origin);
  if (!documents) return tl::unexpected(documents.error());
  if (documents->size() != 1) {
    return make_error(ErrorKind::invalid_input,
                      fmt::format("{}: expected one document, found {}", origin, documents->size()));
  }
  return std::move(documents->front());
}

std::optional<std::string> text_field(const json& item, const char* key) {
  auto it = item.find(key);
  if (it == item.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) return std::nullopt;
  return it->get<std::string>();
}

void longest_first(std::vector<AddressName>& names) {
  std::stable_sort(names.begin(), names.end(),
                   [](const AddressName& a, const AddressName& b) { return a.range.prefix_len > b.range.prefix_len; });
}

const AddressName* longest_match(const std::vector<AddressName>& names, const IpAddress& ip) {
  for (const auto& name : names) {
    if (name.range.contains(ip)) return &name;
  }
  return nullptr;
}

Result<std::vector<AddressName>> read_file_with(const std::string& path,
                                                Result<std::vector<AddressName>> (*parse)(const std::string&,
                                                                                          const std::string&)) {
  auto text = read_text_file(path);
  if (!text) return tl::unexpected(text.error());
  return parse(*text, input_name(path));
}

}  // namespace

Result<std::vector<AddressName>> parse_vpc_resources(const std::string& text, const std::string& origin) {
  auto doc = one_document(text, origin);
  if (!doc) return tl::unexpected(doc.error());
  if (!doc->value.is_array()) {
    return tl::unexpected(entry_error(*doc, "", "expected a list of {\"cidr\" or \"ip\", \"name\"}"));
  }
  std::vector<AddressName> out;
  for (std::size_t i = 0; i < doc->value.size(); ++i) {
    const json& item = doc->value[i];
    const std::string pointer = fmt::format("/{}", i);
    if (!item.is_object()) return tl::unexpected(entry_error(*doc, pointer, "expected {\"cidr\" or \"ip\", \"name\"}"));
    for (const auto& [key, value] : item.items()) {
      if (key != "cidr" && key != "ip" && key != "name") {
        return tl::unexpected(
            entry_error(*doc, pointer, fmt::format("unknown field '{}' (expected cidr or ip, and name)", key)));
      }
    }
    const auto name = text_field(item, "name");
    if (!name) return tl::unexpected(entry_error(*doc, pointer, "'name' must be a non-empty string"));
    const auto cidr_text = text_field(item, "cidr");
    const auto ip_text = text_field(item, "ip");
    if (cidr_text.has_value() == ip_text.has_value()) {
      return tl::unexpected(entry_error(*doc, pointer, "give exactly one of 'cidr' and 'ip'"));
    }
    std::optional<Cidr> range;
    if (cidr_text) {
      range = parse_cidr(*cidr_text);
    } else if (auto ip = parse_ip(*ip_text)) {
      range = host_cidr(*ip);
    }
    if (!range) {
      return tl::unexpected(entry_error(*doc, pointer,
                                        fmt::format("'{}' is not {}", cidr_text ? *cidr_text : *ip_text,
                                                    cidr_text ? "a CIDR range" : "an IP address")));
    }
    out.push_back(AddressName{*range, *name, false});
  }
  return out;
}

Result<std::vector<AddressName>> parse_aws_ip_ranges(const std::string& text, const std::string& origin) {
  auto doc = one_document(text, origin);
  if (!doc) return tl::unexpected(doc.error());
  if (!doc->value.is_object() || !doc->value.contains("prefixes")) {
    return tl::unexpected(entry_error(*doc, "", "not AWS's ip-ranges.json: no \"prefixes\" list"));
  }
  std::vector<AddressName> out;
  for (const auto& [list, key] : {std::pair{"prefixes", "ip_prefix"}, std::pair{"ipv6_prefixes", "ipv6_prefix"}}) {
    const auto found = doc->value.find(list);
    if (found == doc->value.end()) continue;
    if (!found->is_array())
      return tl::unexpected(entry_error(*doc, fmt::format("/{}", list), fmt::format("'{}' must be a list", list)));
    for (std::size_t i = 0; i < found->size(); ++i) {
      const json& item = (*found)[i];
      const std::string pointer = fmt::format("/{}/{}", list, i);
      const auto prefix = item.is_object() ? text_field(item, key) : std::nullopt;
      const auto service = item.is_object() ? text_field(item, "service") : std::nullopt;
      const auto region = item.is_object() ? text_field(item, "region") : std::nullopt;
      if (!prefix || !service || !region) {
        return tl::unexpected(
            entry_error(*doc, pointer, fmt::format("expected {{\"{}\", \"region\", \"service\"}} strings", key)));
      }
      const auto range = parse_cidr(*prefix);
      if (!range) return tl::unexpected(entry_error(*doc, pointer, fmt::format("'{}' is not a CIDR range", *prefix)));
      out.push_back(AddressName{*range, fmt::format("{} {}", *service, *region), true});
    }
  }
  return out;
}

Result<void> AddressBook::load_vpc_resources(const std::string& path) {
  auto names = read_file_with(path, parse_vpc_resources);
  if (!names) return tl::unexpected(names.error());
  m_vpc.insert(m_vpc.end(), names->begin(), names->end());
  longest_first(m_vpc);
  return {};
}

Result<void> AddressBook::load_aws_ip_ranges(const std::string& path) {
  auto names = read_file_with(path, parse_aws_ip_ranges);
  if (!names) return tl::unexpected(names.error());
  for (auto& name : *names)
    (name.name.starts_with("AMAZON ") ? m_aws_amazon : m_aws_services).push_back(std::move(name));
  longest_first(m_aws_services);
  longest_first(m_aws_amazon);
  return {};
}

std::optional<AddressName> AddressBook::find(const IpAddress& ip) const {
  for (const auto* list : {&m_vpc, &m_aws_services, &m_aws_amazon}) {
    if (const AddressName* name = longest_match(*list, ip)) return *name;
  }
  return std::nullopt;
}

}  // namespace netobs
