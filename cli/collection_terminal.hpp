// The terminal's end of a collecting job (recommend, graph): the progress line while it waits on
// its sources, the notes said before the collection begins (printed then, not when it ends), and
// the signal handlers' stop request.
#pragma once

#include <iosfwd>
#include <string>

#include <netobs/job.hpp>

#include "job_output.hpp"

namespace netobs::cli {

class CollectionTerminal {
 public:
  // Progress goes to `err` when it is a terminal and not `wording.quiet`.
  CollectionTerminal(std::string command, const JobWording& wording, std::ostream& err);

  // What the job borrows; it refers to this terminal, which must outlive the job's run.
  CollectFrontEnd front_end();
  // Clears the progress line, if one is shown: call when the job has returned.
  void end();

 private:
  void show_progress(const CollectProgress& progress);

  std::string m_command;
  JobWording m_wording;
  std::ostream& m_err;
  bool m_progress_wanted = false;
  bool m_progress_shown = false;
};

}  // namespace netobs::cli
