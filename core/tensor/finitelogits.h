#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace advlens::core {

/// N bool on the logits' device: every logit of the row is finite. A row
/// with NaN or ±∞ has no prediction (argmax of NaN picks an arbitrary class),
/// so such images are counted apart and left out of every accuracy.
at::Tensor finiteRows(const at::Tensor& logits);

/// Positions (ascending) of the false entries of an N-bool tensor.
std::vector<std::int64_t> falseIndices(const at::Tensor& mask);

/// One line for outputs, e.g. "3 of 1000 images gave NaN or infinite logits
/// (indices 4, 17, 980)", listing at most `shown` indices.
std::string describeNonFinite(const std::vector<std::int64_t>& indices, std::int64_t total, std::size_t shown = 10);

} // namespace advlens::core
