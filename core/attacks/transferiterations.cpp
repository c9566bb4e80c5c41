#include "core/attacks/transferiterations.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/lpball.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/autograd.h>

#include <cmath>

namespace advlens::core {

namespace {

constexpr double kTiny = 1e-12;

/// ∇ₓ of the summed cross-entropy at T(x), T applied inside the graph.
at::Tensor gradientThrough(Classifier& classifier, const at::Tensor& x, const at::Tensor& goal,
                           const std::function<at::Tensor(const at::Tensor&)>& transform)
{
    at::AutoGradMode enableGrad(true);
    const at::Tensor leaf = x.detach().requires_grad_(true);
    const at::Tensor logits = classifier.logits(transform(leaf));
    const at::Tensor loss = at::cross_entropy_loss(logits, goal, {}, at::Reduction::Sum);
    return torch::autograd::grad({loss}, {leaf})[0].detach();
}

at::Tensor smooth(const at::Tensor& gradient, const at::Tensor& kernel)
{
    const std::int64_t channels = gradient.size(1);
    const std::int64_t size = kernel.size(0);
    const at::Tensor weight =
        kernel.to(gradient.device(), gradient.scalar_type()).view({1, 1, size, size}).expand({channels, 1, size, size});
    return at::conv2d(gradient, weight, {}, 1, size / 2, 1, channels);
}

} // namespace

at::Tensor translationKernel(int size, double sigmas)
{
    if (size < 1 || size % 2 == 0)
        throw Error("kernel_size must be odd and at least 1 (got " + std::to_string(size) + ")");
    const at::Tensor points = size == 1 ? at::zeros({1}, at::kDouble) : at::linspace(-sigmas, sigmas, size, at::kDouble);
    const at::Tensor density = (points.pow(2) * -0.5).exp() / std::sqrt(2.0 * M_PI);
    const at::Tensor kernel = at::outer(density, density);
    return (kernel / kernel.sum()).to(at::kFloat);
}

at::Tensor diverseInputs(const at::Tensor& x, const at::Tensor& rows, double probability, double rate,
                         ImageStreams& streams)
{
    const std::int64_t n = x.size(0), height = x.size(2), width = x.size(3);
    const at::Tensor rowList = rows.to(at::kCPU, at::kLong).contiguous();
    // Five draws per image and step (apply, height, width, top, left), whether
    // it is transformed or not, so its stream advances the same way every step.
    const at::Tensor draws = streams.uniform(rowList, {5});
    std::vector<at::Tensor> out;
    out.reserve(static_cast<std::size_t>(n));
    const auto drawSide = [rate](std::int64_t side, float u) {
        const auto low = std::max<std::int64_t>(1, static_cast<std::int64_t>(rate * double(side)));
        return side <= low ? side : low + std::min<std::int64_t>(side - low - 1, std::int64_t(u * float(side - low)));
    };
    for (std::int64_t i = 0; i < n; ++i) {
        const float* d = draws[i].data_ptr<float>();
        const at::Tensor image = x.narrow(0, i, 1);
        if (!(d[0] < probability)) {
            out.push_back(image);
            continue;
        }
        const std::int64_t h = drawSide(height, d[1]), w = drawSide(width, d[2]);
        const at::Tensor resized = at::upsample_bilinear2d(image, {h, w}, /*align_corners=*/false);
        const std::int64_t top = std::min<std::int64_t>(height - h, std::int64_t(d[3] * float(height - h + 1)));
        const std::int64_t left = std::min<std::int64_t>(width - w, std::int64_t(d[4] * float(width - w + 1)));
        out.push_back(at::constant_pad_nd(resized, {left, width - w - left, top, height - h - top}, 0.0));
    }
    return at::cat(out, 0);
}

int defaultKernelSize(std::int64_t side)
{
    const auto scaled = static_cast<int>(std::lround(15.0 * double(side) / 299.0));
    return std::max(3, scaled % 2 == 0 ? scaled + 1 : scaled);
}

AttackResult runTransferIterations(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                                   const TransferSettings& settings, const RunControl& control)
{
    requireInputGradients(classifier, "a transfer attack");
    if (config.norm == Norm::L1)
        throw Error("transfer attacks support linf and l2");
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    const at::Tensor& x = input.images;
    const at::Tensor goal = config.targeted ? input.targets : input.labels;
    const FeasibleSet feasible(x, config.epsilon, config.norm);
    const double alpha = config.effectiveStepSize(/*defaultMultiple=*/1.0);
    const at::Tensor kernel = settings.kernelSize > 1 ? translationKernel(settings.kernelSize, settings.kernelSigmas)
                                                      : at::Tensor();
    ImageStreams streams(config.seed, input.indices);
    const at::Tensor rows = at::arange(x.size(0), at::kLong);
    const auto transform = [&](const at::Tensor& leaf) {
        return settings.diversityProb > 0.0 ? diverseInputs(leaf, rows, settings.diversityProb, settings.resizeRate,
                                                            streams)
                                            : leaf;
    };

    AttackResult result;
    result.cleanLogits = logitsWithoutGrad(classifier, x);
    at::Tensor current = input.start.defined() ? feasible.project(input.start) : x;
    at::Tensor velocity;
    int done = 0;
    for (; done < config.steps; ++done) {
        if (control.cancelled()) {
            result.cancelled = true;
            break;
        }
        at::Tensor gradient = gradientThrough(classifier, current, goal, transform);
        if (config.targeted)
            gradient = gradient.neg();
        if (kernel.defined())
            gradient = smooth(gradient, kernel);
        if (settings.momentum > 0.0) {
            const at::Tensor l1 = gradient.abs().flatten(1).sum(1).clamp_min(kTiny).view({-1, 1, 1, 1});
            velocity = velocity.defined() ? velocity.mul(settings.momentum).add_(gradient / l1) : gradient / l1;
            gradient = velocity;
        }
        current = feasible.project(current + alpha * steepestDirection(gradient, config.norm));
        control.report(done + 1, config.steps);
        control.reportIterate(done + 1, current);
    }
    result.adversarial = current;
    result.adversarialLogits = logitsWithoutGrad(classifier, current);
    result.gradientEvaluations = done;
    completeResult(result, input, config);
    return result;
}

} // namespace advlens::core
