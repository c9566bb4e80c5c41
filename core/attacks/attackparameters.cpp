#include "core/attacks/attackparameters.h"

#include "core/attacks/attackinfo.h"
#include "core/attacks/attackregistry.h"
#include "core/util/error.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace advlens::core {

std::string formatParameterValue(double value)
{
    if (value == std::numeric_limits<double>::max())
        return "max";
    std::ostringstream text;
    text << value;
    return text.str();
}

bool AttackParameter::accepts(double value) const
{
    return value >= low && value <= high && (!integer || value == std::floor(value));
}

std::string AttackParameter::rangeText() const
{
    return std::string(integer ? "whole number in " : "") + "[" + formatParameterValue(low) + ", " +
           formatParameterValue(high) + "]";
}

std::string AttackParameter::defaultText() const
{
    return defaultValue ? formatParameterValue(*defaultValue) : "derived";
}

const std::vector<AttackParameter>& attackParameters()
{
    static const std::vector<AttackParameter> parameters = [] {
        std::vector<AttackParameter> all;
        for (const AttackInfo& info : availableAttacks())
            for (const AttackParameter& parameter : info.parameters) {
                bool known = false;
                for (const AttackParameter& seen : all)
                    known = known || seen.key == parameter.key;
                if (!known)
                    all.push_back(parameter);
            }
        return all;
    }();
    return parameters;
}

const AttackParameter& attackParameter(const std::string& key)
{
    for (const AttackParameter& parameter : attackParameters())
        if (parameter.key == key)
            return parameter;
    throw Error("no attack reads a setting named '" + key + "'");
}

} // namespace advlens::core
