#include "core/metrics/reverseweibull.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace advlens::core {

namespace {

constexpr double kPi = 3.14159265358979323846;
// Values closer than this (relative) count as equal: gradient norms arrive as
// float32, whose rounding alone spreads equal norms by about 1e-7.
constexpr double kConstantTolerance = 1e-5;
// The profile search: a = max + spread·t for t in [kMinOffset, kMaxOffset],
// first on a grid even in log t, then golden sections around the best point.
constexpr double kMinOffset = 1e-6;
constexpr double kMaxOffset = 1e3;
constexpr int kGridPoints = 81;
constexpr int kGoldenIterations = 60;
// The shape equation is solved on log k in [log kMinShapeSearch, log kMaxShapeSearch].
constexpr double kMinShapeSearch = 1e-3;
constexpr double kMaxShapeSearch = 1e7;
constexpr int kBisections = 60;

/// The Weibull MLE of y = A − x' (all > 0) at a fixed location A.
struct Profile {
    double shape = 0.0;
    double scale = 0.0;
    double logLikelihood = -std::numeric_limits<double>::infinity();
};

Profile profileAt(const std::vector<double>& standardised, double offset)
{
    const std::size_t n = standardised.size();
    // y ∈ [offset, offset + 1]; z = y / max y ∈ (0, 1] keeps z^k finite for any k.
    std::vector<double> logZ(n);
    double logYMax = -std::numeric_limits<double>::infinity();
    double sumLogY = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        logZ[i] = std::log(offset - standardised[i]);
        logYMax = std::max(logYMax, logZ[i]);
        sumLogY += logZ[i];
    }
    double meanLogZ = 0.0;
    for (double& v : logZ) {
        v -= logYMax;
        meanLogZ += v;
    }
    meanLogZ /= double(n);

    // h(k) = Σ z^k log z / Σ z^k − 1/k − mean log z rises from −∞ (k → 0) to
    // −mean log z > 0 (k → ∞): its one root is the shape MLE at this location.
    auto weightedMean = [&](double k, double* sum) {
        double s = 0.0, sl = 0.0;
        for (double v : logZ) {
            const double w = std::exp(k * v);
            s += w;
            sl += w * v;
        }
        *sum = s;
        return sl / s;
    };
    auto h = [&](double k) {
        double unused = 0.0;
        return weightedMean(k, &unused) - 1.0 / k - meanLogZ;
    };
    double lo = std::log(kMinShapeSearch), hi = std::log(kMaxShapeSearch);
    double logK = hi;
    if (h(std::exp(hi)) > 0.0) {
        for (int i = 0; i < kBisections && hi - lo > 1e-12; ++i) {
            const double mid = 0.5 * (lo + hi);
            (h(std::exp(mid)) > 0.0 ? hi : lo) = mid;
        }
        logK = 0.5 * (lo + hi);
    }
    Profile p;
    p.shape = std::exp(logK);
    double sumZk = 0.0;
    weightedMean(p.shape, &sumZk);
    // b^k = mean y^k, so Σ (y/b)^k = n and the log-likelihood is
    // n log k − n k log b + (k − 1) Σ log y − n.
    const double logScale = logYMax + std::log(sumZk / double(n)) / p.shape;
    p.scale = std::exp(logScale);
    p.logLikelihood = double(n) * (std::log(p.shape) - p.shape * logScale - 1.0) + (p.shape - 1.0) * sumLogY;
    return p;
}

} // namespace

double reverseWeibullCdf(double x, double shape, double location, double scale)
{
    if (x >= location)
        return 1.0;
    return std::exp(-std::pow((location - x) / scale, shape));
}

double kolmogorovSmirnovPValue(double statistic, std::int64_t n)
{
    if (n <= 0 || !std::isfinite(statistic))
        return 0.0;
    if (statistic <= 0.0)
        return 1.0;
    const double rootN = std::sqrt(double(n));
    const double lambda = (rootN + 0.12 + 0.11 / rootN) * statistic;
    double p = 0.0;
    if (lambda < 1.18) {
        // The series of the CDF converges fast for small λ (the alternating one does not).
        double sum = 0.0;
        for (int j = 1; j <= 20; ++j) {
            const double odd = 2.0 * j - 1.0;
            sum += std::exp(-odd * odd * kPi * kPi / (8.0 * lambda * lambda));
        }
        p = 1.0 - std::sqrt(2.0 * kPi) / lambda * sum;
    } else {
        for (int j = 1; j <= 100; ++j) {
            const double term = std::exp(-2.0 * j * j * lambda * lambda);
            p += (j % 2 ? 2.0 : -2.0) * term;
            if (term < 1e-16)
                break;
        }
    }
    return std::clamp(p, 0.0, 1.0);
}

std::string toString(WeibullFitStatus status)
{
    switch (status) {
    case WeibullFitStatus::Converged:
        return "converged";
    case WeibullFitStatus::TooFewSamples:
        return "too few samples";
    case WeibullFitStatus::ConstantSample:
        return "all values equal";
    case WeibullFitStatus::LocationAtSampleMaximum:
        return "location at the sample maximum (shape < 1)";
    case WeibullFitStatus::LocationUnbounded:
        return "location unbounded (Gumbel-like sample)";
    case WeibullFitStatus::ShapeOutOfRange:
        return "shape out of range";
    case WeibullFitStatus::LocationBelowMaximum:
        return "location not above the sample maximum";
    case WeibullFitStatus::LocationFarAboveMaximum:
        return "location far above the sample maximum";
    case WeibullFitStatus::PoorFit:
        return "poor fit (Kolmogorov-Smirnov)";
    }
    return "unknown";
}

ReverseWeibullFit fitReverseWeibull(const std::vector<double>& sample, const WeibullFitOptions& options)
{
    ReverseWeibullFit fit;
    const std::int64_t n = std::int64_t(sample.size());
    fit.samples = n;
    const auto nan = std::numeric_limits<double>::quiet_NaN();
    fit.shape = fit.location = fit.scale = fit.logLikelihood = fit.ksStatistic = fit.ksPValue = nan;
    fit.sampleMaximum = n > 0 ? *std::max_element(sample.begin(), sample.end()) : nan;
    if (n < std::max<std::int64_t>(options.minSamples, 3) ||
        !std::all_of(sample.begin(), sample.end(), [](double v) { return std::isfinite(v); })) {
        fit.status = WeibullFitStatus::TooFewSamples;
        return fit;
    }
    const double maximum = fit.sampleMaximum;
    const double spread = maximum - *std::min_element(sample.begin(), sample.end());
    if (spread <= kConstantTolerance * std::max(std::abs(maximum), std::numeric_limits<double>::min())) {
        fit.status = WeibullFitStatus::ConstantSample;
        return fit;
    }

    // Standardised values in [−1, 0]; the location is max + spread·t.
    std::vector<double> x(sample.size());
    std::transform(sample.begin(), sample.end(), x.begin(), [&](double v) { return (v - maximum) / spread; });
    std::sort(x.begin(), x.end());

    const double logLo = std::log(kMinOffset), logHi = std::log(kMaxOffset);
    auto offsetAt = [&](int i) { return std::exp(logLo + (logHi - logLo) * i / (kGridPoints - 1)); };
    int best = 0;
    double bestLikelihood = -std::numeric_limits<double>::infinity();
    for (int i = 0; i < kGridPoints; ++i) {
        const double ll = profileAt(x, offsetAt(i)).logLikelihood;
        if (ll > bestLikelihood) {
            bestLikelihood = ll;
            best = i;
        }
    }
    double logOffset = std::log(offsetAt(best));
    if (best > 0 && best < kGridPoints - 1) {
        // Golden-section search for the maximum between the grid neighbours.
        const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
        double a = std::log(offsetAt(best - 1)), b = std::log(offsetAt(best + 1));
        double c = b - ratio * (b - a), d = a + ratio * (b - a);
        double fc = profileAt(x, std::exp(c)).logLikelihood, fd = profileAt(x, std::exp(d)).logLikelihood;
        for (int i = 0; i < kGoldenIterations && b - a > 1e-10; ++i) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = profileAt(x, std::exp(c)).logLikelihood;
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = profileAt(x, std::exp(d)).logLikelihood;
            }
        }
        logOffset = 0.5 * (a + b);
    }
    const double offset = std::exp(logOffset);
    const Profile p = profileAt(x, offset);
    fit.shape = p.shape;
    fit.location = maximum + spread * offset;
    fit.scale = spread * p.scale;
    fit.logLikelihood = p.logLikelihood - double(n) * std::log(spread);

    // Kolmogorov–Smirnov distance of the sorted sample to the fitted law.
    double ks = 0.0;
    for (std::int64_t i = 0; i < n; ++i) {
        const double f = reverseWeibullCdf(x[std::size_t(i)], p.shape, offset, p.scale);
        ks = std::max({ks, double(i + 1) / double(n) - f, f - double(i) / double(n)});
    }
    fit.ksStatistic = ks;
    fit.ksPValue = kolmogorovSmirnovPValue(ks, n);

    if (best == 0)
        fit.status = WeibullFitStatus::LocationAtSampleMaximum;
    else if (best == kGridPoints - 1)
        fit.status = WeibullFitStatus::LocationUnbounded;
    else if (!(fit.location > maximum))
        fit.status = WeibullFitStatus::LocationBelowMaximum;
    else if (maximum > 0 && fit.location > options.maxLocationRatio * maximum)
        fit.status = WeibullFitStatus::LocationFarAboveMaximum;
    else if (!(p.shape >= options.minShape && p.shape <= options.maxShape))
        fit.status = WeibullFitStatus::ShapeOutOfRange;
    else if (!(fit.ksPValue >= options.minPValue))
        fit.status = WeibullFitStatus::PoorFit;
    else
        fit.status = WeibullFitStatus::Converged;
    return fit;
}

} // namespace advlens::core
