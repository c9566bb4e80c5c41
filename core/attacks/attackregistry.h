#pragma once

#include "attack.h"

#include <memory>
#include <vector>

namespace advlens::core {

/// What an attack is and which settings it reads: the CLI's validation and
/// help and the GUI's attack form follow it.
struct AttackInfo {
    std::string name;           ///< as typed on the command line
    std::string description;    ///< one line for --help and the GUI
    bool iterative = false;     ///< reads steps / step size
    bool minimal = false;       ///< searches for the smallest perturbation; ε = +∞ means no budget
    bool needsGradients = true; ///< false: only queries the model (refused on models without input gradients otherwise)
    bool randomStart = false;   ///< reads randomStart and restarts (PGD; the noise baselines' restarts are draws)
    std::vector<Norm> norms{Norm::Linf, Norm::L2, Norm::L1}; ///< norms its budget may be in
    /// Minimal attacks: the norms whose smallest perturbation it searches
    /// (what `minimal` may measure it in).
    std::vector<Norm> minimisedNorms;
    std::vector<std::string> parameters; ///< keys of AttackConfig::extra it reads (attackparameters.h)
};

/// Throws Error for a config the attack cannot honour: a norm it does not
/// support (or, `measuringMinimal`, does not minimise), extra keys it does not
/// read (listing those it does), values out of range, steps or restarts out
/// of [1, kMaxSteps] / [1, kMaxRestarts].
void validateAttackConfig(const AttackInfo& info, const AttackConfig& config, bool measuringMinimal = false);

constexpr int kMaxSteps = 100000;
constexpr int kMaxRestarts = 1000;

/// The description of the named attack; throws Error listing the known names.
const AttackInfo& attackInfo(const std::string& name);

/// Every attack core offers, in display order.
const std::vector<AttackInfo>& availableAttacks();

/// Whether the named attack is one of the minimal-perturbation attacks
/// (DeepFool, C&W, EAD); false for unknown names.
bool isMinimalPerturbationAttack(const std::string& name);

/// A new instance of the named attack; throws Error listing the known names.
std::unique_ptr<Attack> createAttack(const std::string& name);

} // namespace advlens::core
