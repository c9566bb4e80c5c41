#pragma once

#include "core/attacks/attack.h"
#include "core/attacks/attackparameters.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace advlens::core {

/// An attack at many budgets from one shared computation, e.g. FGSM's one
/// gradient (its direction does not depend on ε). Robustness curves and the
/// explorer's ε slider use it where an attack offers one (AttackInfo::makeSweep).
/// Holds a reference to the classifier it was made with; used on that
/// classifier's thread only.
class EpsilonSweep {
public:
    virtual ~EpsilonSweep() = default;
    /// Exactly what the attack's run() gives with this `epsilon` ≥ 0 (throws
    /// Error otherwise); gradientEvaluations counts the shared computation.
    virtual AttackResult at(double epsilon) const = 0;
};

/// The one description of an attack: what it is, which norms and settings it
/// takes and how it may be run. The registry (attackregistry.h) lists them;
/// the CLI's validation and help, the GUI's attack forms, the README's attack
/// table (checked by tst_attackregistry) and the tests' lists of attacks all
/// read it. Each attack writes its own in its source file (a static
/// describe()), so the code that reads a setting and its description sit
/// together.
struct AttackInfo {
    std::string name;        ///< as typed on the command line, e.g. "pgd"
    std::string label;       ///< display name in English, e.g. "BIM / I-FGSM"; the GUI translates it
    std::string description; ///< one line for --help and the GUI's tool tip
    bool iterative = false;  ///< reads steps and step size
    /// Minimal-perturbation: searches for the smallest perturbation, and ε = +∞
    /// means no budget. Otherwise budgeted: it spends the ε it is given.
    bool minimal = false;
    /// True: needs the model's input gradients. False: only queries the model
    /// (runs on models without input gradients).
    bool needsGradients = true;
    /// Reads only the model's top-1 decision, never its scores (decision-based
    /// attacks): runs under the "label only" threat model.
    bool labelOnly = false;
    /// Takes AttackInput::targets when targeted; false for an attack that
    /// chooses its own targets and is untargeted only (AutoAttack).
    bool targetable = true;
    bool randomStart = false; ///< reads randomStart and restarts (PGD; the noise baselines' restarts are draws)
    std::vector<Norm> norms{Norm::Linf, Norm::L2, Norm::L1}; ///< norms its budget may be in
    /// Minimal attacks: the norms whose smallest perturbation it searches
    /// (what `minimal` may measure it in).
    std::vector<Norm> minimisedNorms;
    /// The keys of AttackConfig::extra it reads, with their ranges and defaults.
    std::vector<AttackParameter> parameters;
    /// A new instance of the attack.
    std::function<std::unique_ptr<Attack>()> create;
    /// Empty unless the attack has a fast ε-sweep. Called with an input that
    /// prepareAttackInput() has checked and moved to the classifier's device,
    /// and a config whose epsilon it does not read.
    std::function<std::unique_ptr<EpsilonSweep>(Classifier&, const AttackInput&, const AttackConfig&)> makeSweep;

    bool supports(Norm norm) const;
    bool minimises(Norm norm) const;
    /// The described parameter `key`, or nullptr when the attack does not read it.
    const AttackParameter* parameter(const std::string& key) const;
};

} // namespace advlens::core
