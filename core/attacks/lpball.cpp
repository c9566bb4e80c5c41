#include "lpball.h"

#include <ATen/ATen.h>

namespace advlens::core {

namespace {
constexpr double kTiny = 1e-12;

at::Tensor perImageL2(const at::Tensor& t)
{
    std::vector<std::int64_t> shape(static_cast<std::size_t>(t.dim()), 1);
    shape[0] = t.size(0);
    return t.flatten(1).norm(2, {1}).view(shape);
}
} // namespace

at::Tensor projectToBall(const at::Tensor& delta, double epsilon, Norm norm)
{
    if (norm == Norm::Linf)
        return delta.clamp(-epsilon, epsilon);
    const at::Tensor factor = (epsilon / perImageL2(delta).clamp_min(kTiny)).clamp_max(1.0);
    return delta * factor;
}

at::Tensor steepestDirection(const at::Tensor& gradient, Norm norm)
{
    if (norm == Norm::Linf)
        return gradient.sign();
    return gradient / perImageL2(gradient).clamp_min(kTiny);
}

at::Tensor uniformInBall(const at::Tensor& like, double epsilon, Norm norm, at::Generator& generator)
{
    const auto cpu = at::TensorOptions().dtype(at::kFloat).device(at::kCPU);
    at::Tensor delta;
    if (norm == Norm::Linf) {
        delta = at::rand(like.sizes(), generator, cpu).mul_(2.0 * epsilon).sub_(epsilon);
    } else {
        // A uniform direction (normalised Gaussian) times radius ε·u^(1/d).
        const at::Tensor direction = at::randn(like.sizes(), generator, cpu);
        const double d = static_cast<double>(like[0].numel());
        std::vector<std::int64_t> shape(static_cast<std::size_t>(like.dim()), 1);
        shape[0] = like.size(0);
        const at::Tensor radius = at::rand({like.size(0)}, generator, cpu).pow(1.0 / d).mul(epsilon).view(shape);
        delta = direction / perImageL2(direction).clamp_min(kTiny) * radius;
    }
    return delta.to(like.device());
}

at::Tensor projectToFeasible(const at::Tensor& x, const at::Tensor& candidate, double epsilon, Norm norm)
{
    return (x + projectToBall(candidate - x, epsilon, norm)).clamp(0.0, 1.0);
}

} // namespace advlens::core
