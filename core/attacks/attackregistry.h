#pragma once

#include "attack.h"

#include <memory>
#include <vector>

namespace advlens::core {

struct AttackInfo {
    std::string name;        ///< as typed on the command line
    std::string description; ///< one line for --help and the GUI
    bool iterative = false;  ///< reads steps / step size
    bool minimal = false;    ///< searches for the smallest perturbation; ε = +∞ means no budget
};

/// Every attack core offers, in display order.
const std::vector<AttackInfo>& availableAttacks();

/// Whether the named attack is one of the minimal-perturbation attacks
/// (DeepFool, C&W, EAD); false for unknown names.
bool isMinimalPerturbationAttack(const std::string& name);

/// A new instance of the named attack; throws Error listing the known names.
std::unique_ptr<Attack> createAttack(const std::string& name);

} // namespace advlens::core
