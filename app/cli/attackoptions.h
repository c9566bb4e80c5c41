#pragma once

#include "app/cli/commandline.h"

#include "core/attacks/attack.h"
#include "core/defences/inputtransforms.h"
#include "core/model/classifier.h"

#include <memory>
#include <optional>

namespace advlens::cli {

/// How a command takes --eps.
enum class EpsilonKind {
    One,  ///< one budget ≥ 0, or "inf" (attack)
    List, ///< a list or range of budgets ≥ 0, "inf" among them (eval)
};

/// The options that describe an attack, shared by `attack`, `eval` and
/// `minimal`, typed from the attack descriptions: --attack one of the
/// registered attacks, --norm a norm, --steps and --restarts within
/// [1, kMaxSteps] and [1, kMaxRestarts], --set KEY=VALUE pairs of numbers
/// (the keys are checked against the chosen attack by attackConfigFrom()).
std::vector<OptionSpec> attackOptions(const std::string& defaultEpsilon, EpsilonKind epsilon);

/// The attacks as --help lists them, from their descriptions: name, norms,
/// budgeted or minimal, gradients or queries only, the one-line description,
/// and each --set key with its range, default and help.
std::string attackHelp();

/// The registered attack names, comma-separated: the minimal-perturbation
/// ones when `minimal`, else the budgeted ones.
std::string attackNames(bool minimal);

/// Builds the settings of the --attack from those options and checks them
/// against the attack's description (core::validateAttackConfig): its norms
/// (with `measuringMinimal`, those it minimises), its --set keys and their
/// ranges, steps and restarts. Throws UsageError with the reason.
core::AttackConfig attackConfigFrom(const CommandLine& line, bool measuringMinimal = false);

/// --defence jpeg:Q|bits:B and --bpda, shared by `attack` and `eval`.
std::vector<OptionSpec> defenceOptions();

/// The --defence setting (nullopt without one). Throws UsageError for a bad
/// spec, or for --bpda without --defence.
std::optional<core::InputDefence> defenceFrom(const CommandLine& line);

/// `model` behind `defence` with obfuscated gradients, or straight-through
/// (BPDA) ones with --bpda, seen under --threat-model (scores only or label
/// only hide what the defended model would show); `model` itself when there
/// is neither.
std::unique_ptr<core::Classifier> defendModel(std::unique_ptr<core::Classifier> model,
                                              const std::optional<core::InputDefence>& defence,
                                              const CommandLine& line);

/// --surrogate PATH: a model sidecar (an ensemble sidecar too) the attack is
/// run on; its adversarial images are then classified by --model (transfer).
OptionSpec surrogateOption();

/// The --surrogate model on `device`, or nullptr without one.
std::unique_ptr<core::Classifier> surrogateFrom(const CommandLine& line, c10::Device device);

} // namespace advlens::cli
