#include "app/cli/optionspec.h"

#include "app/cli/numbers.h"

#include <cmath>
#include <sstream>

namespace advlens::cli {

namespace {

/// "1e+05" is not how a user would write a bound: whole bounds print whole.
std::string boundText(double value)
{
    std::ostringstream out;
    if (value == std::floor(value) && std::abs(value) < 1e15)
        out << static_cast<long long>(value);
    else
        out << value;
    return out.str();
}

/// "--steps must lie in [1, 100000] (got 1e9)", the wording of core's range errors.
std::string rangeProblem(const std::string& name, double value, const std::string& text, double low, double high)
{
    if (value >= low && value <= high)
        return {};
    if (high == OptionSpec::kUnbounded)
        return "--" + name + " must be ≥ " + boundText(low) + " (got " + text + ")";
    if (low == -OptionSpec::kUnbounded)
        return "--" + name + " must be ≤ " + boundText(high) + " (got " + text + ")";
    return "--" + name + " must lie in [" + boundText(low) + ", " + boundText(high) + "] (got " + text + ")";
}

} // namespace

OptionSpec OptionSpec::number(double low, double high) const
{
    OptionSpec typed = *this;
    typed.check = [name = name, low, high](const std::string& text) {
        try {
            return rangeProblem(name, parseNumber(text, name), text, low, high);
        } catch (const UsageError& e) {
            return std::string(e.what());
        }
    };
    return typed;
}

OptionSpec OptionSpec::whole(double low, double high) const
{
    OptionSpec typed = *this;
    typed.check = [name = name, low, high](const std::string& text) {
        try {
            const double value = parseNumber(text, name);
            if (value != std::floor(value))
                return "--" + name + " expects a whole number, not '" + text + "'";
            return rangeProblem(name, value, text, low, high);
        } catch (const UsageError& e) {
            return std::string(e.what());
        }
    };
    return typed;
}

OptionSpec OptionSpec::numberList(double low, bool allowInfinity) const
{
    OptionSpec typed = *this;
    typed.check = [name = name, low, allowInfinity](const std::string& text) {
        try {
            for (double value : parseNumberList(text, allowInfinity))
                if (!(value >= low))
                    return "--" + name + " values must be ≥ " + boundText(low) + " (got " + text + ")";
            return std::string();
        } catch (const UsageError& e) {
            return std::string(e.what());
        }
    };
    return typed;
}

OptionSpec OptionSpec::oneOf(std::vector<std::string> choices) const
{
    OptionSpec typed = *this;
    typed.check = [name = name, choices = std::move(choices)](const std::string& text) {
        std::string list;
        for (const std::string& choice : choices) {
            if (choice == text)
                return std::string();
            list += (list.empty() ? "" : choice == choices.back() ? " or " : ", ") + choice;
        }
        return "--" + name + " must be " + list + " (got " + text + ")";
    };
    return typed;
}

OptionSpec OptionSpec::parsedBy(std::function<void(const std::string&)> parse) const
{
    OptionSpec typed = *this;
    typed.check = [parse = std::move(parse)](const std::string& text) {
        try {
            parse(text);
            return std::string();
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
    };
    return typed;
}

std::vector<OptionSpec> commonOptions()
{
    return {
        OptionSpec{"threads", "N", "CPU threads for LibTorch (0 = all cores)", "0"}.whole(0),
        {"device", "DEV", "cpu, cuda, cuda:N or auto (CUDA when available)", "auto"},
        OptionSpec{"seed", "N", "random seed (random starts, targets, shuffling)", "0"}.whole(0),
    };
}

} // namespace advlens::cli
