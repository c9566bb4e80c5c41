#pragma once

#include "core/attacks/attack.h"


namespace advlens::core {

class ImageStreams;

/// Random-noise baseline at the same budget as a gradient attack: `restarts`
/// independent draws of a perturbation, each projected into the ε-ball and the
/// [0, 1] box and classified (one forward per draw, no gradients). Each image
/// keeps the first draw that fools the model (any draw counts), or else the
/// one with the highest loss. A model that resists only noise is not robust:
/// compare with PGD at the same ε.
///
/// Reads epsilon, norm, restarts (draws, default 1), targeted and seed (each
/// image draws from its own stream, seeded with its index); subclasses say
/// what else. Progress: (draws done,
/// draws). 0 gradient evaluations; restarts + 1 forwards.
class NoiseAttack : public Attack {
public:
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;

protected:
    /// One draw of δ for every image (N×C×H×W like x, on the CPU), before projection.
    virtual at::Tensor draw(const at::Tensor& x, const AttackConfig& config, ImageStreams& streams) const = 0;
};

/// Uniform noise: δ uniform in the ε-ball (per value in [−ε, ε] for ℓ∞, uniform
/// in volume for ℓ2 and ℓ1, so nearly on the sphere in many dimensions).
class UniformNoise : public NoiseAttack {
public:
    static AttackInfo describe();
    std::string name() const override { return "uniform-noise"; }

protected:
    at::Tensor draw(const at::Tensor& x, const AttackConfig& config, ImageStreams& streams) const override;
};

/// Gaussian noise: δ ~ N(0, σ²) per value, then projected into the ε-ball and
/// the box. Reads extra["sigma"] (pixel units, ≥ 0); its default makes the draw
/// about ε in size: ε/2 for ℓ∞ (≈ 5 % of values then clipped to ±ε), ε/√d for
/// ℓ2 and ε/(d·√(2/π)) for ℓ1 (d = C·H·W values; expected norm ≈ ε, the
/// larger half of the draws shrunk onto the sphere).
class GaussianNoise : public NoiseAttack {
public:
    static AttackInfo describe();
    std::string name() const override { return "gaussian-noise"; }

protected:
    at::Tensor draw(const at::Tensor& x, const AttackConfig& config, ImageStreams& streams) const override;
};

} // namespace advlens::core
