#include "core/metrics/clever.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/lpball.h"
#include "core/attacks/targetselection.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

namespace advlens::core {

namespace {

// Input values per forward/backward pass when the caller does not say. On a
// GPU: 32 ImageNet images (the reference code's ImageNet batch), 6144
// Fashion-MNIST ones. On a CPU large passes are slower per gradient, not
// faster (2 cores, 2026-12-05: LeNet 3.3 s at 16 points a pass against 6.6 s
// at 1024, ResNet-18 7.0 s at 1 against 14.7 s at 32, the activations then
// staying in cache), so: 16 Fashion-MNIST images, 1 ImageNet image.
constexpr std::int64_t kValuesPerPassGpu = 32 * 3 * 224 * 224;
constexpr std::int64_t kValuesPerPassCpu = 16 * 28 * 28;

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::string number(double value)
{
    std::ostringstream text;
    text << std::setprecision(9) << value;
    return text.str();
}

void validate(const Classifier& classifier, const at::Tensor& images, const CleverOptions& options)
{
    if (!images.defined() || images.dim() != 4)
        throw Error("CLEVER needs an N×C×H×W batch of images");
    if (!images.is_floating_point())
        throw Error("CLEVER needs floating-point images in [0, 1]");
    if (options.batches < 1)
        throw Error("CLEVER needs at least one batch (N_b ≥ 1), got " + std::to_string(options.batches));
    if (options.samplesPerBatch < 1)
        throw Error("CLEVER needs at least one sample per batch (N_s ≥ 1), got " +
                    std::to_string(options.samplesPerBatch));
    if (options.pool < 0)
        throw Error("the CLEVER pool must hold 0 (fresh points per batch) or more points, got " +
                    std::to_string(options.pool));
    if (!std::isfinite(options.radius) || options.radius < 0.0)
        throw Error("the CLEVER sampling radius must be a finite number ≥ 0 (0 = default), got " +
                    number(options.radius));
    if (options.firstIndex < 0)
        throw Error("the CLEVER images' first index must be 0 or more, got " + std::to_string(options.firstIndex));
    if (classifier.numClasses() < 2)
        throw Error("CLEVER needs a model with at least two classes");
    requireInputGradients(classifier, "CLEVER");
}

/// ‖g‖_q per row of an N×D gradient, q the dual of the perturbation norm p.
at::Tensor dualNorms(const at::Tensor& gradient, Norm norm)
{
    const at::Tensor rows = gradient.flatten(1);
    switch (norm) {
    case Norm::Linf:
        return rows.abs().sum(1); // q = 1
    case Norm::L2:
        return rows.norm(2, {1}); // q = 2
    case Norm::L1:
        return std::get<0>(rows.abs().max(1)); // q = ∞
    }
    return rows.norm(2, {1});
}

std::vector<std::int64_t> targetsFor(const at::Tensor& logits, std::int64_t predicted, CleverTargets kind,
                                     std::int64_t randomTarget)
{
    const std::int64_t classes = logits.size(0);
    switch (kind) {
    case CleverTargets::Top2:
        return {std::get<1>(logits.topk(2)).select(0, 1).item<std::int64_t>()};
    case CleverTargets::Random:
        return {randomTarget};
    case CleverTargets::LeastLikely:
        return {logits.argmin().item<std::int64_t>()};
    case CleverTargets::All:
        break;
    }
    std::vector<std::int64_t> all;
    for (std::int64_t j = 0; j < classes; ++j)
        if (j != predicted)
            all.push_back(j);
    return all;
}

/// The points of one image's sampling: the ball around x0, the margins'
/// classes and how many points go through the model at once.
struct Sampler {
    Classifier& classifier;
    at::Tensor x0; ///< 1×C×H×W
    std::int64_t predicted;
    const std::vector<std::int64_t>& targets;
    double radius;
    Norm norm;
    bool clipToBox;
    std::int64_t perPass;
    at::Generator& generator;

    /// ‖∇g_j‖_q at `count` fresh points, one CPU double tensor per target j.
    /// `afterPass(points done)` runs after each pass and returns false to stop
    /// (the tensors are then incomplete and must not be used).
    template <typename AfterPass>
    std::vector<at::Tensor> gradientNorms(std::int64_t count, const std::string& imageName, AfterPass afterPass) const
    {
        std::vector<at::Tensor> norms(targets.size());
        std::vector<std::vector<at::Tensor>> parts(targets.size());
        const at::Tensor onePoint = at::empty(x0.sizes(), at::TensorOptions(at::kFloat)); // on the CPU: no copy per point
        for (std::int64_t done = 0; done < count; done += perPass) {
            const std::int64_t m = std::min(perPass, count - done);
            // One draw per point, so the points (and the scores) do not depend on
            // the pass size, and so not on the device either.
            std::vector<at::Tensor> offsets;
            offsets.reserve(std::size_t(m));
            for (std::int64_t j = 0; j < m; ++j)
                offsets.push_back(uniformInBall(onePoint, radius, norm, generator));
            at::Tensor points = x0 + at::cat(offsets).to(x0.device());
            if (clipToBox)
                points.clamp_(0.0, 1.0);
            points = points.detach().requires_grad_(true);
            const at::Tensor logits = classifier.logits(points);
            for (std::size_t k = 0; k < targets.size(); ++k) {
                // Rows are independent points, so the gradient of the sum is each row's own.
                const at::Tensor margin = (logits.select(1, predicted) - logits.select(1, targets[k])).sum();
                const at::Tensor gradient =
                    torch::autograd::grad({margin}, {points}, {}, /*retain_graph=*/k + 1 < targets.size())[0];
                parts[k].push_back(dualNorms(gradient, norm).to(at::kCPU, at::kDouble));
            }
            if (!afterPass(done + m))
                return {};
        }
        for (std::size_t k = 0; k < targets.size(); ++k) {
            norms[k] = at::cat(parts[k]);
            if (!at::isfinite(norms[k]).all().item<bool>())
                throw Error("the model's gradients are NaN or infinite near image " + imageName);
        }
        return norms;
    }
};

double boundFrom(double margin, double lipschitz, double radius)
{
    if (margin <= 0.0)
        return 0.0;
    if (!(lipschitz > 0.0))
        return radius;
    return std::min(margin / lipschitz, radius);
}

} // namespace

std::string toString(CleverTargets targets)
{
    switch (targets) {
    case CleverTargets::Top2:
        return "top2";
    case CleverTargets::Random:
        return "random";
    case CleverTargets::LeastLikely:
        return "least-likely";
    case CleverTargets::All:
        return "all";
    }
    return "?";
}

CleverTargets parseCleverTargets(const std::string& text)
{
    const std::string t = lower(text);
    if (t == "top2" || t == "top-2")
        return CleverTargets::Top2;
    if (t == "random")
        return CleverTargets::Random;
    if (t == "least-likely" || t == "leastlikely" || t == "least")
        return CleverTargets::LeastLikely;
    if (t == "all" || t == "untargeted")
        return CleverTargets::All;
    throw Error("unknown CLEVER target \"" + text + "\" (top2, random, least-likely or all)");
}

std::int64_t automaticCleverPointsPerPass(bool cuda, std::int64_t valuesPerPoint)
{
    return std::max<std::int64_t>((cuda ? kValuesPerPassGpu : kValuesPerPassCpu) /
                                      std::max<std::int64_t>(valuesPerPoint, 1),
                                  1);
}

double defaultCleverRadius(Norm norm)
{
    switch (norm) {
    case Norm::Linf:
        return 0.1;
    case Norm::L2:
        return 5.0;
    case Norm::L1:
        return 30.0;
    }
    return 5.0;
}

CleverReport cleverScores(Classifier& classifier, const at::Tensor& images, const CleverOptions& options,
                          const RunControl& control)
{
    validate(classifier, images, options);
    const auto started = std::chrono::steady_clock::now();
    CleverReport report;
    report.norm = options.norm;
    report.radius = options.radius > 0.0 ? options.radius : defaultCleverRadius(options.norm);
    report.batches = options.batches;
    report.samplesPerBatch = options.samplesPerBatch;
    report.targets = options.targets;
    report.pool = options.pool;

    const at::Tensor x = images.detach().to(classifier.device(), at::kFloat).contiguous();
    const std::int64_t n = x.size(0);
    const std::int64_t values = x[0].numel();
    at::Tensor clean;
    {
        // One image a pass: a batch's kernels may round an image's logits
        // differently with other images beside it, and its margin and score
        // must not depend on which images are scored with it.
        at::NoGradGuard noGrad;
        std::vector<at::Tensor> rows;
        for (std::int64_t i = 0; i < n; ++i)
            rows.push_back(classifier.logits(x.slice(0, i, i + 1)).to(at::kCPU, at::kDouble));
        clean = n > 0 ? at::cat(rows) : at::Tensor();
    }
    if (n > 0 && !at::isfinite(clean).all().item<bool>())
        throw Error("the model produced NaN or infinite outputs");
    const at::Tensor predicted = n > 0 ? clean.argmax(1) : at::Tensor();
    at::Tensor random;
    if (options.targets == CleverTargets::Random && n > 0) {
        // randomTargets adds an offset drawn in order per row: drawing rows up to
        // firstIndex + n on zero labels gives each image its whole-data-set offset.
        const at::Tensor offsets =
            randomTargets(at::zeros({options.firstIndex + n}, at::kLong), clean.size(1), options.seed);
        random = (predicted + offsets.slice(0, options.firstIndex)).remainder(clean.size(1));
    }
    const std::int64_t pointsAtOnce = options.pool > 0 ? options.pool : options.samplesPerBatch;
    const std::int64_t perPass =
        options.pointsPerPass > 0
            ? std::min(options.pointsPerPass, pointsAtOnce)
            : std::min(automaticCleverPointsPerPass(classifier.device().is_cuda(), values), pointsAtOnce);
    const std::int64_t total = n * options.batches;

    at::AutoGradMode gradMode(true); // thread-local: the caller may be in a no-grad scope
    for (std::int64_t i = 0; i < n; ++i) {
        CleverImageResult image;
        image.index = i;
        image.predicted = predicted[i].item<std::int64_t>();
        const std::int64_t c = image.predicted;
        const std::vector<std::int64_t> targets =
            targetsFor(clean[i], c, options.targets, random.defined() ? random[i].item<std::int64_t>() : -1);
        const std::size_t t = targets.size();
        std::vector<std::vector<double>> maxima(t);
        // Each image its own stream, the same for every choice of targets, so a
        // top-2 run sees exactly the points that an "all" run sees for that class.
        at::Generator generator =
            at::detail::createCPUGenerator(options.seed + 0x9E3779B97F4A7C15ull * std::uint64_t(options.firstIndex + i + 1));
        const at::Tensor x0 = x.slice(0, i, i + 1);

        const Sampler sampler{classifier, x0,        c, targets, report.radius, options.norm, options.clipToBox,
                              perPass,    generator};
        const auto stop = [&] {
            report.cancelled = true;
            report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            return report;
        };
        if (options.pool > 0) {
            // The pool's gradients are the work; batches are then drawn from it.
            const std::vector<at::Tensor> pool =
                sampler.gradientNorms(options.pool, std::to_string(options.firstIndex + i), [&](std::int64_t done) {
                    control.report(i * options.batches + options.batches * done / options.pool, total);
                    return !control.cancelled();
                });
            if (pool.empty())
                return stop();
            image.gradientEvaluations += options.pool;
            for (std::int64_t b = 0; b < options.batches; ++b) {
                const at::Tensor drawn =
                    at::randint(options.pool, {options.samplesPerBatch}, generator, at::TensorOptions(at::kLong));
                for (std::size_t k = 0; k < t; ++k)
                    maxima[k].push_back(pool[k].index_select(0, drawn).max().item<double>());
            }
        } else {
            for (std::int64_t b = 0; b < options.batches; ++b) {
                if (control.cancelled())
                    return stop();
                const std::vector<at::Tensor> norms = sampler.gradientNorms(
                    options.samplesPerBatch, std::to_string(options.firstIndex + i), [](std::int64_t) { return true; });
                for (std::size_t k = 0; k < t; ++k)
                    maxima[k].push_back(norms[k].max().item<double>());
                image.gradientEvaluations += options.samplesPerBatch;
                control.report(i * options.batches + b + 1, total);
            }
        }

        for (std::size_t k = 0; k < t; ++k) {
            CleverTargetResult r;
            r.target = targets[k];
            r.margin = clean[i][c].item<double>() - clean[i][targets[k]].item<double>();
            r.batchMaxima = std::move(maxima[k]);
            r.maxSampledNorm = *std::max_element(r.batchMaxima.begin(), r.batchMaxima.end());
            r.sampledBound = boundFrom(r.margin, r.maxSampledNorm, report.radius);
            r.fit = fitReverseWeibull(r.batchMaxima, options.fit);
            r.fellBack = !r.fit.ok();
            r.lipschitz = r.fellBack ? r.maxSampledNorm : r.fit.location;
            r.score = boundFrom(r.margin, r.lipschitz, report.radius);
            image.targets.push_back(std::move(r));
        }
        const auto lowest = std::min_element(image.targets.begin(), image.targets.end(),
                                             [](const auto& a, const auto& b) { return a.score < b.score; });
        image.lowest = std::size_t(lowest - image.targets.begin());
        image.score = lowest->score;
        report.images.push_back(std::move(image));
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

std::string cleverToCsv(const CleverReport& report)
{
    std::ostringstream csv;
    csv << "image,predicted,target,margin,max_sampled_norm,sampled_bound,fit_status,shape,location,scale,"
           "ks_statistic,ks_p_value,lipschitz,fell_back,score,lowest\n";
    for (const CleverImageResult& image : report.images) {
        for (std::size_t k = 0; k < image.targets.size(); ++k) {
            const CleverTargetResult& r = image.targets[k];
            csv << image.index << ',' << image.predicted << ',' << r.target << ',' << number(r.margin) << ','
                << number(r.maxSampledNorm) << ',' << number(r.sampledBound) << ',' << toString(r.fit.status) << ','
                << number(r.fit.shape) << ',' << number(r.fit.location) << ',' << number(r.fit.scale) << ','
                << number(r.fit.ksStatistic) << ',' << number(r.fit.ksPValue) << ',' << number(r.lipschitz) << ','
                << (r.fellBack ? 1 : 0) << ',' << number(r.score) << ',' << (k == image.lowest ? 1 : 0) << '\n';
        }
    }
    return csv.str();
}

} // namespace advlens::core
