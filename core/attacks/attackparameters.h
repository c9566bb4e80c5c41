#pragma once

#include <optional>
#include <string>
#include <vector>

namespace advlens::core {

/// An attack-specific setting (AttackConfig::extra, the CLI's --set), as the
/// attack that reads it describes it (AttackInfo::parameters): the one place
/// its accepted range, default and meaning are written down. Attacks read it
/// with extraSetting(), which checks the range given here.
struct AttackParameter {
    std::string key;
    double low = 0.0;  ///< smallest accepted value
    double high = 0.0; ///< largest accepted value
    bool integer = false;
    /// What the attack uses when the setting is not given; nullopt when it is
    /// derived from other settings (`help` then says how).
    std::optional<double> defaultValue;
    std::string help; ///< one line, without the default

    /// Whether `value` is accepted: inside [low, high], and whole when `integer`.
    bool accepts(double value) const;
    /// "[0, 1]", "whole number in [1, 100]": for messages and help.
    std::string rangeText() const;
    /// "1", "0.001", or "derived" when there is no fixed default.
    std::string defaultText() const;
};

/// Every setting a registered attack reads, by key: the first description of
/// each key in registry order (attacks that share a key share its range).
const std::vector<AttackParameter>& attackParameters();

/// The description of `key`; throws Error when no attack reads it.
const AttackParameter& attackParameter(const std::string& key);

/// A number as help and messages write it: "0.001", "1e+06", "100".
std::string formatParameterValue(double value);

} // namespace advlens::core
