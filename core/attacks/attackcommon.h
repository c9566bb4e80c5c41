#pragma once

#include "attack.h"

namespace advlens::core {

/// Checks the batch and settings every attack shares and returns the input
/// moved to the classifier's device. Throws Error with a clear reason.
AttackInput prepareAttackInput(Classifier& classifier, const AttackInput& input, const AttackConfig& config);

/// Logits and ∇ₓ of the summed cross-entropy of `x` toward `classes`
/// (summed, so each image's gradient is independent of the batch size).
struct LossGradient {
    at::Tensor logits;   ///< N×K, detached
    at::Tensor gradient; ///< like x
};
LossGradient crossEntropyGradient(Classifier& classifier, const at::Tensor& x, const at::Tensor& classes);

/// Logits without building a graph.
at::Tensor logitsWithoutGrad(Classifier& classifier, const at::Tensor& x);

/// Fills predictions, success and norms of a result whose adversarial batch,
/// clean logits and adversarial logits are set.
void completeResult(AttackResult& result, const AttackInput& input, const AttackConfig& config);

} // namespace advlens::core
