#include "app/cli/configfile.h"

#include "app/cli/usageerror.h"

#include <CLI/CLI.hpp>

namespace advlens::cli {

namespace {

/// CLI11's TOML reader, with the items put under the command that reads them.
class CommandConfig : public CLI::ConfigTOML {
public:
    explicit CommandConfig(const CLI::App& root)
        : m_root(root)
    {
    }

    std::vector<CLI::ConfigItem> from_config(std::istream& input) const override
    {
        if (m_root.get_subcommands().empty())
            throw UsageError("--config comes after a command, e.g. advlens-cli eval --config FILE");
        const CLI::App& command = *m_root.get_subcommands().front();
        const std::string file = m_root.get_config_ptr()->results().back();
        std::vector<CLI::ConfigItem> items;
        for (CLI::ConfigItem item : CLI::ConfigTOML::from_config(input)) {
            if (item.parents.empty())
                item.parents = {command.get_name()};
            else if (item.parents.front() != command.get_name())
                continue; // another command's section
            else if (item.parents.size() > 1)
                throw UsageError("config file " + file + ": [" + CLI::detail::join(item.parents, ".") +
                                 "] is not a command's section");
            // "++" and "--" open and close a section.
            if (item.name != "++" && item.name != "--") {
                const CLI::Option* option = command.get_option_no_throw("--" + item.name);
                if (!option || option->get_positional())
                    throw UsageError("config file " + file + ": '" + item.name + "' is not an option of '" +
                                     command.get_name() + "' (see advlens-cli " + command.get_name() + " --help)");
                // eps = [0, 0.1] is --eps 0,0.1: the options take lists as one comma-separated value.
                if (item.inputs.size() > 1)
                    item.inputs = {CLI::detail::join(item.inputs, ",")};
            }
            items.push_back(std::move(item));
        }
        return items;
    }

private:
    const CLI::App& m_root;
};

} // namespace

void addConfigFileOption(CLI::App& root)
{
    root.set_config("--config", "",
                    "read options from a TOML file of name = value lines (names without --; a list is "
                    "comma-separated, flags are true or false); options on the command line win");
    root.config_formatter(std::make_shared<CommandConfig>(root));
    root.allow_config_extras(CLI::config_extras_mode::error);
    root.get_config_ptr()->type_name("FILE");
}

} // namespace advlens::cli
