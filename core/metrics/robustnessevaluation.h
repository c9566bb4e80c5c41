#pragma once

#include "core/data/labelledimages.h"
#include "core/metrics/robustnessreport.h"

#include <vector>

namespace advlens::core {

class Classifier;

/// How a curve is computed. Fast paths give the same numbers as the naive loop
/// for FGSM (exactly) and numbers no weaker for iterative attacks, for less work.
enum class CurveMethod { Naive, Fast };

struct CurveOptions {
    std::int64_t batchSize = 256;
    CurveMethod method = CurveMethod::Fast;
    /// The images of the data set to evaluate, ascending indices (undefined:
    /// all): one share of a run split over processes (shares.h). Each image
    /// keeps its index in the set for its random draws and its target, so its
    /// results are those it gets in the whole run; the report covers these
    /// images only, in report.outcomes for the merge (sharemerge.h).
    at::Tensor images{};
};

/// Accuracy vs ε (RealSafe/ARES): `attack` at every ε of `epsilons` over `data`.
/// Targeted configs use randomTargets(labels, K, config.seed). Points come
/// back (and through `onPoint`) in ascending ε. Fast paths:
///  - attacks with a fast ε-sweep (AttackInfo::makeSweep; FGSM): its shared
///    computation once per batch (FGSM: one forward+backward per image for the
///    whole curve, as the gradient direction does not depend on ε) plus one
///    forward per ε;
///  - minimal-perturbation attacks: one run, thresholded at every ε;
///  - iterative attacks: images already fooled at a smaller ε keep their
///    perturbation (it lies inside every larger ball) and are not attacked again.
/// Progress counts (point, batch) units; cancellation returns the finished
/// points with `cancelled` set.
RobustnessReport evaluateRobustness(Classifier& classifier, const LabelledImages& data, Attack& attack,
                                    const AttackConfig& config, std::vector<double> epsilons,
                                    const CurveOptions& options = {}, const RunControl& control = {},
                                    const PointCallback& onPoint = {});

/// Accuracy vs attack strength at a fixed ε: the attack run with each step
/// count of `steps`. The step size is fixed for the whole curve (the config's,
/// or 2.5·ε / max steps), so a point with more steps extends the attack of the
/// point before rather than changing its step size.
RobustnessReport evaluateIterations(Classifier& classifier, const LabelledImages& data, Attack& attack,
                                    const AttackConfig& config, std::vector<int> steps,
                                    const CurveOptions& options = {}, const RunControl& control = {},
                                    const PointCallback& onPoint = {});

} // namespace advlens::core
