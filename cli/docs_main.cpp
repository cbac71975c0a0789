// netobs-docs MAN_DIR COMPLETION_DIR: writes the man pages and the shell completions of netobs,
// both rendered from the CLI definition (a build step; see cli/CMakeLists.txt).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app.hpp"
#include "completion_script.hpp"
#include "man_page.hpp"

namespace {

bool write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) std::cerr << "netobs-docs: cannot write " << path.string() << "\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: netobs-docs MAN_DIR COMPLETION_DIR\n";
    return 2;
  }
  CLI::App app{netobs::cli::k_app_description, "netobs"};
  netobs::cli::ExitCode exit_code = netobs::cli::ExitCode::ok;
  netobs::cli::add_commands(app, exit_code);
  const std::filesystem::path man_dir = argv[1];
  const std::filesystem::path completion_dir = argv[2];
  std::filesystem::create_directories(man_dir);
  std::filesystem::create_directories(completion_dir);
  std::vector<const CLI::App*> pages{&app};
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) pages.push_back(sub);
  for (const CLI::App* page : pages) {
    const std::string name = page == &app ? "netobs" : "netobs-" + page->get_name();
    if (!write(man_dir / (name + ".1"), netobs::cli::render_man_page(app, *page, netobs::cli::version_line())))
      return 3;
  }
  using netobs::cli::Shell;
  for (auto [file, shell] : {std::pair{"netobs.bash", Shell::bash}, std::pair{"_netobs", Shell::zsh},
                             std::pair{"netobs.fish", Shell::fish}}) {
    if (!write(completion_dir / file, netobs::cli::completion_script(app, shell))) return 3;
  }
  return 0;
}
