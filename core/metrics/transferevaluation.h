#pragma once

#include "core/data/labelledimages.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/metrics/robustnessreport.h"

#include <string>
#include <vector>

namespace advlens::core {

class Classifier;

/// A transfer (black-box) evaluation: `attack` runs on `surrogate`, which
/// supplies the gradients or queries, and its adversarial images are
/// classified by `target`, which is only ever asked for logits without
/// gradients (Papernot et al. 2016; Liu et al. 2017; an EnsembleClassifier
/// surrogate is their ensemble attack). So a target without input gradients
/// (ONNX, a threat model that hides them) can still face gradient attacks.
///
/// The curve's numbers are the target's: clean accuracy, robust accuracy,
/// success (over the images the target classifies correctly, the goal
/// reached on the target: another class, or the target class when
/// targeted), the norms of the successful perturbations. Targets are
/// randomTargets(labels, K, config.seed), as evaluateRobustness draws them,
/// and the attack gets the labels, not the surrogate's predictions; gradient
/// evaluations and queries are what the attack spent on the surrogate.
/// Stage tables and gradient-masking signs describe the surrogate, not the
/// target, and are left out. The attack runs afresh at every point
/// (report.method "naive"). With surrogate = target it gives the numbers
/// evaluateRobustness gives with CurveMethod::Naive.
///
/// CurveOptions::images evaluates a share of the set (eval --shard, mpirun),
/// with report.outcomes for the merge, as evaluateRobustness does.
///
/// Throws Error when the two models differ in input or classes (naming
/// both). report.model is the target's name, report.surrogate the surrogate's.
RobustnessReport evaluateTransfer(Classifier& surrogate, Classifier& target, const LabelledImages& data,
                                  Attack& attack, const AttackConfig& config, std::vector<double> epsilons,
                                  const CurveOptions& options = {}, const RunControl& control = {},
                                  const PointCallback& onPoint = {});

/// evaluateTransfer at one ε over step counts, with evaluateIterations' fixed
/// step size (the config's, or the attack's default for the largest count).
RobustnessReport evaluateTransferIterations(Classifier& surrogate, Classifier& target, const LabelledImages& data,
                                            Attack& attack, const AttackConfig& config, std::vector<int> steps,
                                            const CurveOptions& options = {}, const RunControl& control = {},
                                            const PointCallback& onPoint = {});

} // namespace advlens::core
