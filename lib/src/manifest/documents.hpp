// The Kubernetes objects in a set of paths, each with its document's positions, for the
// manifest loader and lint.
#pragma once

#include <string>
#include <vector>

#include <netobs/manifest.hpp>

#include "util/document.hpp"

namespace netobs {

struct ManifestObject {
  const LocatedDocument* document = nullptr;
  std::string pointer;  // JSON pointer of the object inside its document ("" or "/items/3")
  std::string kind;     // its kind, or the item kind of the typed List it came in (PodList: Pod)
  // False for an object of a text in memory (what the API server listed): its document's lines are
  // those of netobs's own serialisation, no place in a file anyone can open.
  bool in_file = true;
  const nlohmann::json& value() const {
    return pointer.empty() ? document->value : document->value.at(nlohmann::json::json_pointer(pointer));
  }
};

struct ManifestFiles {
  std::vector<LocatedDocument> documents;
  std::vector<ManifestObject> objects;  // every object with a kind, List wrappers unpacked
  std::vector<std::string> notes;
  std::vector<FileProblem> problems;  // files that did not parse
};

// The analysis model of `files`; `policy_objects`, when given, receives the object each of the
// set's policies was read from, in the same order.
ManifestSet build_manifest_set(const ManifestFiles& files,
                               std::vector<const ManifestObject*>* policy_objects = nullptr);

// Texts read along with files: (origin, YAML or JSON), e.g. what the API server listed.
using ManifestTexts = std::vector<std::pair<std::string, std::string>>;

// Reads every file under `paths`. Files with another extension than .yaml, .yml or .json inside
// directories are skipped with a note; a path named explicitly is always read. Objects of
// `texts` that a file also defines (same kind, namespace and name) are left out: the files win.
Result<ManifestFiles> read_manifest_files(const std::vector<std::string>& paths, const ManifestTexts& texts = {},
                                          InputErrors errors = InputErrors::report);

// The objects of one text in memory (YAML or JSON); `origin` names it in messages.
Result<ManifestFiles> read_manifest_text(const std::string& text, const std::string& origin);

}  // namespace netobs
