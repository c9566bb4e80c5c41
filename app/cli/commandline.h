#pragma once

#include "app/cli/numbers.h"
#include "app/cli/optionspec.h"
#include "app/cli/usageerror.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace advlens::cli {

/// The options of one command as CLI11 parsed them (commandparser.cpp), from
/// the command line and, where the command takes one, a config file. Values
/// were checked when parsed (OptionSpec::check), so the typed getters only
/// convert; a name the command does not have is a programming error.
class CommandLine {
public:
    explicit CommandLine(const CLI::App& command);

    /// Given on the command line or in the config file (a flag: given and not set to false).
    bool has(const std::string& name) const;
    /// The value given, or the option's default.
    std::string value(const std::string& name) const;
    int intValue(const std::string& name) const;
    long long int64Value(const std::string& name) const;
    double doubleValue(const std::string& name) const;
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    const CLI::App& m_command;
    std::vector<std::string> m_positional;
};

} // namespace advlens::cli
