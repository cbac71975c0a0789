#include "lint/render/formats.hpp"

namespace netobs::lint {

std::string render(const Report& report, Format format, const std::vector<const Rule*>& rules) {
  switch (format) {
    case Format::text:
      return render_text(report);
    case Format::json:
      return render_json(report);
    case Format::sarif:
      return render_sarif(report, rules);
    case Format::github:
      return render_github(report);
  }
  return {};
}

}  // namespace netobs::lint
