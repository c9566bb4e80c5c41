#include "app/cli/commandline.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace advlens::cli {

std::vector<OptionSpec> commonOptions()
{
    return {
        {"threads", "N", "CPU threads for LibTorch (0 = all cores)", "0"},
        {"device", "DEV", "cpu, cuda, cuda:N or auto (CUDA when available)", "auto"},
        {"seed", "N", "random seed (random starts, targets, shuffling)", "0"},
    };
}

namespace {
const OptionSpec* findOption(const CommandSpec& spec, const std::string& name)
{
    for (const OptionSpec& option : spec.options)
        if (option.name == name)
            return &option;
    return nullptr;
}
} // namespace

CommandLine::CommandLine(const CommandSpec& spec, const std::vector<std::string>& arguments)
    : m_spec(spec)
{
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& arg = arguments[i];
        if (arg == "--help" || arg == "-h") {
            m_help = true;
            continue;
        }
        if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
            if (spec.positional.empty())
                throw UsageError("'" + spec.name + "' takes no argument '" + arg + "'");
            m_positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::string value;
        bool inlineValue = false;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        const OptionSpec* option = findOption(spec, name);
        if (!option)
            throw UsageError("unknown option --" + name + " for '" + spec.name + "' (see advlens-cli " + spec.name +
                             " --help)");
        if (option->valueName.empty()) {
            if (inlineValue)
                throw UsageError("--" + name + " takes no value");
            m_values[name] = "1";
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= arguments.size())
                throw UsageError("--" + name + " needs a value (" + option->valueName + ")");
            value = arguments[++i];
        }
        m_values[name] = value;
    }
}

bool CommandLine::has(const std::string& name) const
{
    return m_values.count(name) > 0;
}

std::string CommandLine::value(const std::string& name) const
{
    if (auto it = m_values.find(name); it != m_values.end())
        return it->second;
    const OptionSpec* option = findOption(m_spec, name);
    return option ? option->defaultValue : std::string();
}

double parseNumber(const std::string& text, const std::string& optionName)
{
    try {
        if (const auto slash = text.find('/'); slash != std::string::npos) {
            std::size_t used1 = 0, used2 = 0;
            const std::string numerator = text.substr(0, slash), denominator = text.substr(slash + 1);
            const double a = std::stod(numerator, &used1), b = std::stod(denominator, &used2);
            if (used1 == numerator.size() && used2 == denominator.size() && b != 0.0)
                return a / b;
        } else {
            std::size_t used = 0;
            const double v = std::stod(text, &used);
            if (used == text.size() && std::isfinite(v))
                return v;
        }
    } catch (const std::exception&) {
    }
    throw UsageError("--" + optionName + " expects a number, not '" + text + "'");
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

std::vector<double> parseNumberList(const std::string& text, bool allowInfinity)
{
    std::vector<double> values;
    if (text.find(':') != std::string::npos) {
        std::vector<std::string> parts;
        std::stringstream stream(text);
        for (std::string part; std::getline(stream, part, ':');)
            parts.push_back(part);
        if (parts.size() != 3)
            throw UsageError("a range is start:stop:count, e.g. 0:0.1:11");
        const double start = parseNumber(parts[0], "eps"), stop = parseNumber(parts[1], "eps");
        const double count = parseNumber(parts[2], "eps");
        if (count < 1 || count != std::floor(count) || count > 10000)
            throw UsageError("the count of a range must be a whole number from 1 to 10000");
        for (int i = 0; i < static_cast<int>(count); ++i)
            values.push_back(count == 1 ? start : start + (stop - start) * i / (count - 1));
        return values;
    }
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, ',');)
        if (!part.empty())
            values.push_back(allowInfinity && part == "inf" ? std::numeric_limits<double>::infinity()
                                                            : parseNumber(part, "eps"));
    if (values.empty())
        throw UsageError("expected at least one number");
    return values;
}

std::string helpText(const CommandSpec& spec)
{
    std::ostringstream out;
    out << "Usage: advlens-cli " << spec.name << " [options]" << (spec.positional.empty() ? "" : " " + spec.positional)
        << "\n\n"
        << spec.summary << "\n\nOptions:\n";
    for (const OptionSpec& option : spec.options) {
        std::string left = "  --" + option.name + (option.valueName.empty() ? "" : " " + option.valueName);
        if (left.size() < 26)
            left.append(26 - left.size(), ' ');
        else
            left += "\n" + std::string(26, ' ');
        out << left << option.help;
        if (!option.defaultValue.empty() && !option.valueName.empty())
            out << " [default: " << option.defaultValue << "]";
        out << "\n";
    }
    out << "  --help                  show this help\n";
    if (!spec.details.empty())
        out << "\n" << spec.details;
    if (!spec.examples.empty())
        out << "\nExamples:\n" << spec.examples;
    return out.str();
}

} // namespace advlens::cli
