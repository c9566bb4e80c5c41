#pragma once

#include "attacks/attack.h"
#include "data/labelledimages.h"
#include "metrics/accuracy.h"

#include <vector>

namespace advlens::core {

/// One point of an accuracy-vs-ε curve.
struct EpsilonPoint {
    double epsilon = 0.0;
    double robustAccuracy = 0.0; ///< adversarial prediction == label, over all images
    double successRate = 0.0;    ///< over images the model classified correctly
    std::int64_t successes = 0;
    NormSummary l0, l2, linf;             ///< of successful perturbations
    std::int64_t gradientEvaluations = 0; ///< per image
    double seconds = 0.0;
};

struct RobustnessReport {
    std::string model;
    std::string attack;
    AttackConfig config; ///< epsilon is per point
    Accuracy clean;
    std::int64_t cleanCorrect = 0;
    std::vector<EpsilonPoint> points;
    bool cancelled = false;
};

/// Called after each finished ε so a caller can draw the curve as it grows.
using PointCallback = std::function<void(const EpsilonPoint&)>;

/// Runs `attack` at every ε over `data` in batches. Targeted configs use
/// randomTargets(labels, K, config.seed). Progress counts attacked images over
/// all ε; cancellation returns the finished points with `cancelled` set.
RobustnessReport evaluateRobustness(Classifier& classifier, const LabelledImages& data, Attack& attack,
                                    const AttackConfig& config, const std::vector<double>& epsilons,
                                    std::int64_t batchSize, const RunControl& control = {},
                                    const PointCallback& onPoint = {});

std::string reportToJson(const RobustnessReport& report);
std::string reportToCsv(const RobustnessReport& report);

} // namespace advlens::core
