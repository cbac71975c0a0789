// The analysis commands as library jobs (job.hpp): each takes its job struct and returns a
// JobResult. A new command adds its job here and its run function in lib/src/jobs/.
#pragma once

#include <string>
#include <vector>

#include <netobs/connectivity.hpp>
#include <netobs/diff.hpp>
#include <netobs/engine.hpp>
#include <netobs/job.hpp>
#include <netobs/lint.hpp>
#include <netobs/state.hpp>

namespace netobs {

// Every connection the policies of a state allow (those with an end in `namespaces`).
struct ConnectivityJob {
  StateOptions state;
  ReportScope namespaces;  // what is reported; the whole state is read whatever it is
  IpBlockScope ipblock_scope = IpBlockScope::all;
  NodeRows nodes = NodeRows::no;
  ConnectivityFormat format = ConnectivityFormat::txt;
};
JobResult run_connectivity_job(const ConnectivityJob& job);

// Whether one connection is allowed (exit ok) or denied (findings), and which rule decides it.
// With one namespace in `namespaces`, a bare workload or pod name is one of it (as kubectl -n
// reads it); a connection with no end in `namespaces` is a usage error.
enum class ExplanationFormat { text, json };
struct ExplainJob {
  StateOptions state;
  ReportScope namespaces;
  std::string from;  // ns/workload, ns/pod, an address, or a bare name with one namespace in scope
  std::string to;
  int port = 0;
  Protocol protocol = Protocol::tcp;
  IpBlockScope ipblock_scope = IpBlockScope::all;
  ExplanationFormat format = ExplanationFormat::text;
};
JobResult run_explain_job(const ExplainJob& job);

// The lint rules over the manifest files of `state.manifests` (lint reads them itself, keeping
// each object's position) and the cluster's policies, with the state's inventory and, when given,
// observed flows. Findings at or above `fail_on` end it with findings. Only findings on objects
// of `namespaces`, on observed edges with an end in them, and on files that did not parse are
// reported.
struct LintJob {
  StateOptions state;  // its views: the inventory only
  ReportScope namespaces;
  FlowEvidence flows;
  lint::Format format = lint::Format::text;
  lint::Severity fail_on = lint::Severity::error;
};
JobResult run_lint_job(const LintJob& job);

// What applying the proposal changes against the live state: objects, connectivity and, with
// flows, the observed edges that would break. Differences end it with findings. Only policy
// changes in `namespaces`, connectivity changes and observed edges with an end in them are
// reported (diff.namespaces is set from it).
struct DiffJob {
  StateOptions proposal;  // manifests only
  StateOptions live;      // manifests, inventories (or Lists among the flows) or the cluster
  ReportScope namespaces;
  FlowEvidence flows;
  DiffOptions diff;
  DiffFormat format = DiffFormat::txt;
  bool skip_unparsable = false;  // compare the rest when a file does not parse (else stop)
};
// Files that did not parse end it as Unchecked::unparsable_files unless skip_unparsable.
JobResult run_diff_job(const DiffJob& job);

}  // namespace netobs
