#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace advlens::core {

class Classifier;

/// Deep Defense (Yan, Guo and Zhang, NeurIPS 2018, "Deep Defense: Training
/// DNNs with Improved Adversarial Robustness"): fine-tuning with a regulariser
/// on the size of each training image's DeepFool perturbation Δx, computed by
/// a DeepFool unrolled for a few iterations and back-propagated through (the
/// paper's "recursive network"). The objective (paper, Eq. 4):
///
///     Σ_k L(y_k, f(x_k)) + λ Σ_{k∈T} R(−c‖Δx_k‖₂/‖x_k‖₂) + λ Σ_{k∈F} R(d‖Δx_k‖₂/‖x_k‖₂),
///
/// T the images the model classifies correctly, F the others, R(t) = exp(t)
/// for both sets. For k ∈ T, Δx_k leaves the predicted class (untargeted
/// DeepFool) and minimising exp(−c·ρ) pushes ρ = ‖Δx‖/‖x‖ up, most for the
/// most fragile images; for k ∈ F, Δx_k is the perturbation that would make
/// the image correctly classified (DeepFool towards its label) and exp(d·ρ)
/// pulls it in. (A linear R for F, as one statement of this task put it, is in
/// neither the paper nor the authors' code: their deep_defense_reg applies
/// exp to both sets, with the coefficient −c or d.)
///
/// Defaults are the paper's MNIST settings, as the authors' public code
/// (github.com/ZiangYan/deepdefense.pytorch, main.py and deepdefense.py) sets
/// them: λ = 15, c = 25, d = 5, 5 DeepFool iterations during training,
/// overshoot 0.02, all 10 classes as candidates; SGD with momentum 0.9,
/// weight decay 5e-4 on weights (not biases), learning rate 5e-4 halved for
/// the last 20 % of the epochs, batches of 100, 5 epochs, starting from the
/// pre-trained reference model (see kDeepDefense* below).
struct DeepDefenseSettings {
    double lambda = 15.0;         ///< λ, weight of the regulariser (> 0)
    double correctScale = 25.0;   ///< c, for correctly classified images (> 0)
    double wrongScale = 5.0;      ///< d, for misclassified images (≥ 0)
    int deepFoolIterations = 5;   ///< unrolled DeepFool steps at most (≥ 1)
    double overshoot = 0.02;      ///< the perturbation is (1 + overshoot)·Σ rᵢ
    std::int64_t candidates = 10; ///< classes linearised for T (the top ones by logit, own class included), ≥ 2
    double momentum = 0.9;        ///< SGD momentum
    double weightDecay = 5e-4;    ///< on weights (tensors of rank > 1), not on biases
};

constexpr int kDeepDefenseEpochs = 5;             ///< authors' main.py --epochs
constexpr double kDeepDefenseLearningRate = 5e-4; ///< authors' main.py --lr
constexpr int kDeepDefenseBatchSize = 100;        ///< authors' main.py --batch

/// Throws Error with one line when a setting is out of range.
void validateDeepDefenseSettings(const DeepDefenseSettings& settings);

/// A DeepFool perturbation that stays in the autograd graph.
struct UnrolledDeepFool {
    at::Tensor perturbation; ///< N×C×H×W, (1 + overshoot)·Σ rᵢ; differentiable w.r.t. the weights
    at::Tensor reached;      ///< N bool: the goal was reached within the iterations
};

/// DeepFool (ℓ2) unrolled for settings.deepFoolIterations steps with every
/// step differentiable (create_graph), as the paper's training does:
/// rᵢ = |f_k|·w_k/‖w_k‖₂² at xᵢ = x + Σ_{j<i} rⱼ for the nearest linearised
/// boundary k (f_k the logit difference, w_k its input gradient); no pixel
/// clipping and no crossing margin (the overshoot alone crosses), as in the
/// authors' code. Which boundary is nearest, and whether an image is done,
/// are decided without gradient.
/// - towardsClass = false: leave `classes` (N int64, each image's predicted
///   class); boundaries to the top candidates − 1 other classes of the clean
///   logits, fixed at the start; an image is done once x + (1+overshoot)·r is
///   classified otherwise.
/// - towardsClass = true: reach `classes` (the labels of misclassified
///   images) from whichever class is on top at xᵢ; done once it is reached.
/// `images` is N×C×H×W in [0, 1] on the classifier's device. The classifier's
/// mode is left as it is (Deep Defense runs it in evaluation mode). Cost per
/// step and image not yet done: one forward and one create_graph backward
/// pass over (candidates − 1) copies of it (1 towards a class).
UnrolledDeepFool unrolledDeepFool(Classifier& classifier, const at::Tensor& images, const at::Tensor& classes,
                                  bool towardsClass, const DeepDefenseSettings& settings);

/// The regulariser of one batch and what it measured.
struct DeepDefenseTerm {
    at::Tensor value;   ///< scalar: λ/N·(Σ_T exp(−c·ρ) + Σ_F exp(d·ρ)), differentiable w.r.t. the weights
    at::Tensor ratio;   ///< N, detached: ρ = ‖Δx‖₂/‖x‖₂
    at::Tensor correct; ///< N bool: in T
};

/// The Deep Defense term of a batch. `cleanLogits` (N×K, any graph) decide T
/// and F; dividing by the batch size N makes λ per image, as the authors'
/// code divides the summed term by the batch size before back-propagation.
DeepDefenseTerm deepDefenseRegulariser(Classifier& classifier, const at::Tensor& images, const at::Tensor& labels,
                                       const at::Tensor& cleanLogits, const DeepDefenseSettings& settings);

} // namespace advlens::core
