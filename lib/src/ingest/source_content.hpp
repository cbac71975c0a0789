// What a source holds before its records are read: flow records, a Kubernetes List (an inventory
// given among the flows), or something plainly not flow records (a Markdown file, binary data, a
// Kubernetes manifest, a pretty-printed JSON document), which is skipped with a note instead of
// being read as lines that all fail to parse.
#pragma once

#include <string>
#include <string_view>

namespace netobs {

enum class ContentKind {
  flows,            // read it (the format is detected from its records)
  kubernetes_list,  // `kubectl get -o json|yaml`: an inventory
  not_flows,        // skipped
  empty,            // no byte at all (an empty file, or nothing on stdin): skipped, said so
};

struct SourceContent {
  ContentKind kind = ContentKind::flows;
  std::string what;  // for the note: "a Markdown document", "binary data", ...
};

// Classifies a source from its first bytes (`head`, after any byte order mark) and its name
// (`name`: a path, or "<stdin>"). `looks_like_flows` is whether any of its first lines looked like
// a record of some flow format: text no line of which did is Markdown when it reads as Markdown.
SourceContent classify_source(std::string_view head, std::string_view name, bool looks_like_flows);

}  // namespace netobs
