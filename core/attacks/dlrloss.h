#pragma once

#include <ATen/core/Tensor.h>

namespace advlens::core {

/// The Difference of Logits Ratio losses of Croce & Hein (ICML 2020), which
/// APGD maximises: unlike cross-entropy they do not change when the logits are
/// shifted or scaled, so a model that saturates its softmax cannot hide the
/// direction to the boundary. With z sorted decreasingly as z_π1 ≥ z_π2 ≥ …:
///
///   DLR(z, y)        = −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3 + 1e-12)
///   DLR-T(z, y, t)   = −(z_y − z_t) / (z_π1 − (z_π3 + z_π4)/2 + 1e-12)
///
/// (the 1e-12 as in the authors' code). Each returns N values from N×K logits
/// and throws Error when K < 3 (untargeted) or K < 4 (targeted).
at::Tensor dlrLoss(const at::Tensor& logits, const at::Tensor& labels);
at::Tensor dlrTargetedLoss(const at::Tensor& logits, const at::Tensor& labels, const at::Tensor& targets);

} // namespace advlens::core
