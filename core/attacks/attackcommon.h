#pragma once

#include "core/attacks/attack.h"
#include "core/attacks/attackparameters.h"

#include <functional>

namespace advlens::core {

/// Checks the batch and settings every attack shares and returns the input
/// moved to the classifier's device. Throws Error with a clear reason.
AttackInput prepareAttackInput(Classifier& classifier, const AttackInput& input, const AttackConfig& config);

/// config.extra[parameter.key] if present, else the parameter's default;
/// throws Error when the value is outside its described range. The parameter
/// must have a default.
double extraSetting(const AttackConfig& config, const AttackParameter& parameter);
/// As above, with `fallback` for a parameter whose default is derived.
double extraSetting(const AttackConfig& config, const AttackParameter& parameter, double fallback);

/// Throws Error when `parameter` does not accept `value`.
void checkAttackParameter(const AttackParameter& parameter, double value);

/// Logits and ∇ₓ of the summed cross-entropy of `x` toward `classes`
/// (summed, so each image's gradient is independent of the batch size).
/// Throws Error naming the model, `user` (e.g. "FGSM", "saliency") and why,
/// when the classifier's load-time probe found no input gradient.
void requireInputGradients(const Classifier& classifier, const std::string& user);

struct LossGradient {
    at::Tensor logits;   ///< N×K, detached
    at::Tensor gradient; ///< like x
    at::Tensor loss;     ///< N, each image's loss, detached
};
LossGradient crossEntropyGradient(Classifier& classifier, const at::Tensor& x, const at::Tensor& classes);

/// Logits and ∇ₓ of Σᵢ lossᵢ, where `perImageLoss` maps N×K logits to N
/// losses (summed, so each image's gradient is its own loss's).
LossGradient lossGradient(Classifier& classifier, const at::Tensor& x,
                          const std::function<at::Tensor(const at::Tensor&)>& perImageLoss);

/// Logits without building a graph.
at::Tensor logitsWithoutGrad(Classifier& classifier, const at::Tensor& x);

/// N bool: the prediction from `logits` meets the attack's goal: differs from
/// `goal` (the labels) when untargeted, equals it (the targets) when targeted.
at::Tensor reachesGoal(const at::Tensor& logits, const at::Tensor& goal, bool targeted);

/// N float: how far the attacker got (cross-entropy to the labels, or minus
/// that to the targets); higher is better for the attacker.
at::Tensor attackerScore(const at::Tensor& logits, const at::Tensor& goal, bool targeted);

/// Each image's best outcome over several tries (restarts, random draws):
/// N×C×H×W adversarial, N×K logits, N bool reached, N float score.
struct BestOutcome {
    at::Tensor adversarial, logits, reached, score;

    /// Starts from x itself with its clean logits: nothing reached, score −∞.
    static BestOutcome unchanged(const at::Tensor& x, const at::Tensor& cleanLogits);

    /// Takes each candidate (for the images at `rows`, int64 indices, or for all
    /// images when `rows` is undefined) that reaches the goal where the kept one
    /// does not, or agrees with it on that and scores higher. With `rows` the
    /// kept tensors are updated in place.
    void merge(const at::Tensor& rows, const at::Tensor& candidate, const at::Tensor& candidateLogits,
               const at::Tensor& candidateReached, const at::Tensor& candidateScore);
};

/// Fills predictions, success and norms of a result whose adversarial batch,
/// clean logits and adversarial logits are set, and the per-image gradient
/// counts (each `gradientEvaluations`) when the attack left them unset.
void completeResult(AttackResult& result, const AttackInput& input, const AttackConfig& config);

} // namespace advlens::core
