#include "app/cli/commandline.h"

#include "app/cli/commandparser.h"

#include <CLI/CLI.hpp>

#include <cmath>

namespace advlens::cli {

namespace {

const CLI::Option& optionOf(const CLI::App& command, const std::string& name)
{
    const CLI::Option* option = command.get_option_no_throw("--" + name);
    if (!option)
        throw std::logic_error("advlens-cli " + command.get_name() + " has no option --" + name);
    return *option;
}

} // namespace

CommandLine::CommandLine(const CLI::App& command)
    : m_command(command)
{
    if (const CLI::Option* positional = command.get_option_no_throw(kPositionalName))
        m_positional = positional->results();
}

bool CommandLine::has(const std::string& name) const
{
    const CLI::Option& option = optionOf(m_command, name);
    if (option.count() == 0)
        return false;
    // A flag set to false in a config file ("early-stop = false") counts as not given.
    return option.get_type_size() != 0 || option.as<bool>();
}

std::string CommandLine::value(const std::string& name) const
{
    const CLI::Option& option = optionOf(m_command, name);
    return option.count() > 0 ? option.results().back() : option.get_default_str();
}

int CommandLine::intValue(const std::string& name) const
{
    const double v = parseNumber(value(name), name);
    if (v != std::floor(v) || std::abs(v) > 2e9)
        throw UsageError("--" + name + " expects a whole number, not '" + value(name) + "'");
    return static_cast<int>(v);
}

long long CommandLine::int64Value(const std::string& name) const
{
    const double v = parseNumber(value(name), name);
    if (v != std::floor(v))
        throw UsageError("--" + name + " expects a whole number, not '" + value(name) + "'");
    return static_cast<long long>(v);
}

double CommandLine::doubleValue(const std::string& name) const
{
    return parseNumber(value(name), name);
}

} // namespace advlens::cli
