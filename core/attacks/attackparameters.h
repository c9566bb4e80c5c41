#pragma once

#include <string>
#include <vector>

namespace advlens::core {

/// An attack-specific setting (AttackConfig::extra, the CLI's --set): the one
/// place its accepted range and meaning are written down. Attacks read it
/// with extraSetting(), which checks the range given here.
struct AttackParameter {
    std::string key;
    double low = 0.0;  ///< smallest accepted value
    double high = 0.0; ///< largest accepted value
    bool integer = false;
    std::string help; ///< one line, with the default
};

/// Every setting any attack reads, by key.
const std::vector<AttackParameter>& attackParameters();

/// The description of `key`; throws Error when no attack reads it.
const AttackParameter& attackParameter(const std::string& key);

} // namespace advlens::core
