#pragma once

#include "attack.h"

#include <memory>
#include <vector>

namespace advlens::core {

struct AttackInfo {
    std::string name;        ///< as typed on the command line
    std::string description; ///< one line for --help and the GUI
    bool iterative = false;  ///< reads steps / step size
};

/// Every attack core offers, in display order.
const std::vector<AttackInfo>& availableAttacks();

/// A new instance of the named attack; throws Error listing the known names.
std::unique_ptr<Attack> createAttack(const std::string& name);

} // namespace advlens::core
