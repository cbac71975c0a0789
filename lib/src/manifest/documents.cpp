#include "manifest/documents.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "util/k8s_json.hpp"

namespace netobs {
namespace {

namespace fs = std::filesystem;

bool manifest_extension(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

void collect(const LocatedDocument& doc, const nlohmann::json& value, const std::string& pointer,
             const std::string& item_kind, std::vector<ManifestObject>& objects, std::vector<std::string>& notes) {
  std::string kind = item_kind;
  if (value.is_object() && value.contains("kind") && value["kind"].is_string()) kind = value["kind"].get<std::string>();
  if (!value.is_object() || kind.empty()) {
    notes.push_back(fmt::format("{}:{}: skipped: not a Kubernetes object", doc.origin, doc.location(pointer).line));
    return;
  }
  if (kind.ends_with("List") && (!value.contains("items") || value["items"].is_null())) return;  // an empty List
  if (kind.ends_with("List") && value.contains("items") && value["items"].is_array()) {
    const std::string items_kind = kind == "List" ? "" : kind.substr(0, kind.size() - 4);
    for (std::size_t i = 0; i < value["items"].size(); ++i) {
      collect(doc, value["items"][i], pointer + "/items/" + std::to_string(i), items_kind, objects, notes);
    }
    return;
  }
  objects.push_back(ManifestObject{&doc, pointer, kind, true});
}

// What a file that does not parse looks like, to say what to do with it.
std::string hint_for(const std::string& path, const std::string& text) {
  if (text.find("{{") != std::string::npos) {
    return "it looks like a Helm or Go template: render it first (helm template ...) and check the output";
  }
  const std::string name = fs::path(path).filename().string();
  if (name.starts_with("kustomization.") || text.find("$patch") != std::string::npos ||
      text.find("patchesStrategicMerge") != std::string::npos) {
    return "it looks like a kustomize file: check the output of kustomize build (kubectl kustomize) instead";
  }
  return {};
}

// A file that does not parse, where the parser stopped and why, with a hint at what it may be.
FileProblem problem_of(const std::string& path, const std::string& text, const Error& error) {
  SourceLocation where = error.where.empty() ? SourceLocation{path} : error.where;
  return FileProblem{std::move(where), error.message, hint_for(path, text)};
}

}  // namespace

Result<ManifestFiles> read_manifest_files(const std::vector<std::string>& paths, const ManifestTexts& texts,
                                          InputErrors errors) {
  ManifestFiles files;
  std::vector<std::string> to_read;
  for (const auto& path : paths) {
    std::error_code ec;
    if (path == k_stdin_path) {
      to_read.push_back(path);
      continue;
    }
    if (!fs::exists(path, ec)) return cannot_read(path, ENOENT);
    if (!fs::is_directory(path, ec)) {
      to_read.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().filename().string().starts_with(".")) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file()) continue;
      if (manifest_extension(it->path())) {
        found.push_back(it->path().string());
      } else {
        files.notes.push_back(fmt::format("{}: skipped: not a .yaml, .yml or .json file", it->path().string()));
      }
    }
    if (ec) return make_error(ErrorKind::io, fmt::format("{}: cannot list: {}", path, ec.message()));
    std::sort(found.begin(), found.end());
    to_read.insert(to_read.end(), found.begin(), found.end());
  }
  FilesRead read;
  std::erase_if(to_read, [&](const std::string& path) { return !read.first(path, files.notes); });
  files.documents.reserve(to_read.size() * 4);
  for (const auto& path : to_read) {
    auto text = read_text_file(path);
    if (!text) return tl::unexpected(text.error());
    const std::string origin = input_name(path);
    auto documents = parse_located_documents(*text, origin);
    if (!documents) {
      // A limit is not a finding about the file: the user has to raise it to get an answer.
      if (errors == InputErrors::fail || documents.error().kind == ErrorKind::limit)
        return tl::unexpected(documents.error());
      files.problems.push_back(problem_of(origin, *text, documents.error()));
      continue;
    }
    for (auto& doc : *documents) files.documents.push_back(std::move(doc));
  }
  const std::size_t from_files = files.documents.size();
  for (const auto& [origin, text] : texts) {
    auto documents = parse_located_documents(text, origin);
    if (!documents) return tl::unexpected(documents.error());
    for (auto& doc : *documents) files.documents.push_back(std::move(doc));
  }
  // Pointers into `documents` are taken only now that it no longer grows.
  for (const auto& doc : files.documents) collect(doc, doc.value, "", "", files.objects, files.notes);
  auto identity = [](const ManifestObject& object) {
    const nlohmann::json& metadata = k8s::field(object.value(), "metadata");
    return std::make_tuple(object.kind, k8s::namespace_of(metadata), k8s::string_at(metadata, "name"));
  };
  std::set<std::tuple<std::string, std::string, std::string>> in_files;
  auto from_text = [&](const ManifestObject& object) {
    return static_cast<std::size_t>(object.document - files.documents.data()) >= from_files;
  };
  for (auto& object : files.objects) {
    object.in_file = !from_text(object);
    if (object.in_file) in_files.insert(identity(object));
  }
  std::erase_if(files.objects,
                [&](const ManifestObject& object) { return from_text(object) && in_files.contains(identity(object)); });
  std::sort(files.notes.begin(), files.notes.end());
  return files;
}

Result<ManifestFiles> read_manifest_text(const std::string& text, const std::string& origin) {
  ManifestFiles files;
  auto documents = parse_located_documents(text, origin);
  if (!documents) return tl::unexpected(documents.error());
  files.documents = std::move(*documents);
  for (const auto& doc : files.documents) collect(doc, doc.value, "", "", files.objects, files.notes);
  for (auto& object : files.objects) object.in_file = false;
  return files;
}

}  // namespace netobs
