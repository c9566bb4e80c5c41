#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace advlens::cli {

/// A mistake in how the command was called (exit code 2, not 1).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;      ///< without the leading "--"
    std::string valueName; ///< empty for a flag
    std::string help;
    std::string defaultValue; ///< shown in help and returned by value()
};

struct CommandSpec {
    std::string name;
    std::string summary;
    std::string positional; ///< e.g. "[MODEL]"; empty when none is taken
    std::vector<OptionSpec> options;
    std::string details; ///< printed after the options, e.g. the attacks (attackHelp()); lines end in "\n"
    std::string examples;
};

/// Options shared by every command (threads, device, seed).
std::vector<OptionSpec> commonOptions();

/// Parsed "--name value", "--name=value", "--flag" and positional arguments.
class CommandLine {
public:
    /// Throws UsageError for unknown options or missing values.
    CommandLine(const CommandSpec& spec, const std::vector<std::string>& arguments);

    bool has(const std::string& name) const;
    bool helpRequested() const { return m_help; }
    std::string value(const std::string& name) const;
    int intValue(const std::string& name) const;
    long long int64Value(const std::string& name) const;
    double doubleValue(const std::string& name) const;
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    const CommandSpec& m_spec;
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positional;
    bool m_help = false;
};

std::string helpText(const CommandSpec& spec);

/// "0,0.01,0.03" or a range "0:0.1:11" (start:stop:count, inclusive);
/// values may be written "8/255", and "inf" when `allowInfinity`. Throws UsageError.
std::vector<double> parseNumberList(const std::string& text, bool allowInfinity = false);
double parseNumber(const std::string& text, const std::string& optionName);

} // namespace advlens::cli
