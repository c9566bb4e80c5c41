#include "app/cli/commandparser.h"

#include "app/cli/configfile.h"
#include "app/cli/helpformatter.h"

#include "core/util/error.h"

#include <CLI/CLI.hpp>
#include <c10/util/Exception.h>

#include <cstdio>
#include <iostream>

namespace advlens::cli {

namespace {

/// Details, then the examples: the footer the help formatter wraps.
std::string footerOf(const CommandSpec& spec)
{
    std::string footer = spec.details;
    if (!spec.examples.empty())
        footer += (footer.empty() ? "" : "\n") + std::string("Examples:\n") + spec.examples;
    return footer;
}

CLI::App* addCommand(CLI::App& root, const CommandSpec& spec)
{
    CLI::App* command = root.add_subcommand(spec.name, spec.summary);
    command->footer(footerOf(spec));
    // --config belongs to the program (CLI11 2.1 reads config files there):
    // the commands that take one let it through to it.
    command->fallthrough(spec.configFile);
    for (const OptionSpec& given : spec.options) {
        CLI::Option* option = given.valueName.empty() ? command->add_flag("--" + given.name, given.help)
                                                      : command->add_option("--" + given.name, given.help);
        if (!given.valueName.empty())
            option->type_name(given.valueName)->default_str(given.defaultValue);
        // As before CLI11: the last of repeated options wins, so a command line
        // can end with a change to a longer one.
        option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        if (given.check)
            option->check(CLI::Validator([check = given.check](std::string& value) { return check(value); }, ""));
    }
    if (!spec.positional.empty())
        command->add_option(kPositionalName, "")
            ->type_name(spec.positional)
            ->expected(0, CLI::detail::expected_max_vector_size)
            ->allow_extra_args();
    return command;
}

/// The first unexpected argument, the command's own before those it let through.
std::string firstExtra(const CLI::App& root, const CLI::App* command)
{
    std::vector<std::string> extras = command ? command->remaining(false) : std::vector<std::string>{};
    for (const std::string& extra : root.remaining(false))
        extras.push_back(extra);
    for (const std::string& extra : extras)
        if (extra.size() > 1 && extra[0] == '-')
            return extra.substr(0, extra.find('='));
    return extras.empty() ? std::string() : extras.front();
}

/// CLI11's error as one line that says what is wrong and where help is.
std::string reasonOf(const CLI::App& root, const CLI::Error& error)
{
    const CLI::App* command = root.get_subcommands().empty() ? nullptr : root.get_subcommands().front();
    const std::string seeHelp =
        command ? " (see advlens-cli " + command->get_name() + " --help)" : " (run advlens-cli --help)";
    const std::string what = core::firstLine(error.what());
    const std::string name = what.substr(0, what.find(':')); // "--steps: …" names the option
    if (dynamic_cast<const CLI::ExtrasError*>(&error) ||
        (!command && dynamic_cast<const CLI::RequiredError*>(&error))) {
        const std::string extra = firstExtra(root, command);
        if (extra.empty())
            return "give a command" + seeHelp;
        if (extra[0] == '-')
            return "unknown option " + extra + (command ? " for '" + command->get_name() + "'" : "") + seeHelp;
        if (!command)
            return "unknown command '" + extra + "'" + seeHelp;
        return "'" + command->get_name() + "' takes no argument '" + extra + "'" + seeHelp;
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
        const CLI::Option* option = command ? command->get_option_no_throw(name) : nullptr;
        return name + " needs a value" + (option ? " (" + option->get_type_name() + ")" : std::string());
    }
    if (dynamic_cast<const CLI::ValidationError*>(&error)) {
        // The checks name the option themselves (OptionSpec::check); CLI11 puts the name in front again.
        const std::string reason = what.size() > name.size() + 2 ? what.substr(name.size() + 2) : what;
        return reason.rfind(name, 0) == 0 ? reason : name + ": " + reason;
    }
    if (dynamic_cast<const CLI::FileError*>(&error)) {
        const CLI::Option* config = root.get_config_ptr();
        const std::string file = config && config->count() > 0 ? config->results().back() : std::string();
        return "config file '" + file + "' is missing or unreadable";
    }
    return what;
}

std::string oneLineFailure(const CLI::App* root, const CLI::Error& error)
{
    return "advlens-cli: " + reasonOf(*root, error) + "\n";
}

int fail(int code, const std::string& reason)
{
    std::fprintf(stderr, "advlens-cli: %s\n", reason.c_str());
    return code;
}

} // namespace

int runCommandLine(int argc, char** argv, const CommandSpec& program, const std::vector<Command>& commands)
{
    CLI::App root(program.summary, program.name);
    // Set before the commands are added: they take the formatter and the failure message from the root.
    root.formatter(makeHelpFormatter(helpWidth()));
    root.failure_message(oneLineFailure);
    root.set_help_flag("-h,--help", "show this help");
    root.require_subcommand(1);
    root.footer(footerOf(program));
    addConfigFileOption(root);
    for (const Command& command : commands)
        addCommand(root, command.spec);

    if (argc < 2 || std::string(argv[1]) == "help") {
        std::cout << root.help();
        return argc < 2 ? kUsageExit : 0;
    }
    try {
        try {
            root.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            return root.exit(e) == 0 ? 0 : kUsageExit; // help, or the one-line failure
        }
        const CLI::App* parsed = root.get_subcommands().front();
        for (const Command& command : commands)
            if (command.spec.name == parsed->get_name())
                return command.run(CommandLine(*parsed));
        return fail(kUsageExit, "unknown command '" + parsed->get_name() + "'");
    } catch (const UsageError& e) {
        return fail(kUsageExit, e.what());
    } catch (const core::Error& e) {
        return fail(1, e.what());
    } catch (const c10::Error& e) {
        return fail(1, core::firstLine(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        return fail(1, core::firstLine(e.what()));
    }
}

} // namespace advlens::cli
