#include "app/cli/numbers.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace advlens::cli {

double parseNumber(const std::string& text, const std::string& optionName)
{
    try {
        if (const auto slash = text.find('/'); slash != std::string::npos) {
            std::size_t used1 = 0, used2 = 0;
            const std::string numerator = text.substr(0, slash), denominator = text.substr(slash + 1);
            const double a = std::stod(numerator, &used1), b = std::stod(denominator, &used2);
            if (used1 == numerator.size() && used2 == denominator.size() && b != 0.0 && std::isfinite(a / b))
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

} // namespace advlens::cli
