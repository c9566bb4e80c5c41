#pragma once

#include "core/attacks/attack.h"

#include <string>
#include <vector>

namespace advlens::core {

class Classifier;

/// AutoAttack's checks of the model (Croce & Hein 2020, their checks.py) on
/// the images `x` with `labels`: randomised when two forward passes differ
/// (predictions, or logits scaled to unit length by more than 1e-4 in ℓ2);
/// probabilities when every output lies in [0, 1] and each row sums to 1
/// within 1e-5; and the images classified correctly whose cross-entropy
/// gradient at x is exactly zero (the reference looks at APGD's random start;
/// one forward+backward, not counted as a query of the attack). Rows with
/// NaN or infinite logits are left out of every check.
EvaluationSigns checkEvaluationSigns(Classifier& classifier, const at::Tensor& x, const at::Tensor& labels);

/// Adds a batch's stage table to a running one: the same stages in the same
/// order (a table that is empty takes the batch's).
void addStages(std::vector<AttackStage>& total, const std::vector<AttackStage>& batch);

/// One sentence per sign that the evaluation over `images` images may
/// overstate robustness: the checks above, and a gradient-free stage that
/// fooled more than 0.2 % of the images after the gradient stages had
/// finished (as AutoAttack's check_square_sr: a sign of gradient masking).
std::vector<std::string> evaluationWarnings(const EvaluationSigns& signs, const std::vector<AttackStage>& stages,
                                            std::int64_t images);

} // namespace advlens::core
