#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace advlens::core {

/// One share of a run split over independent processes (Slurm job arrays,
/// any batch system): share `index` of `count`, counted from 0.
struct Share {
    int index = 0;
    int count = 1;
};

/// The images of share `share` of a run over `images` images in batches of
/// `batchSize`: the run's batches are its work items, dealt in turn (batch b
/// to share b mod count), so every share gets a mix of the set (folders come
/// sorted by class) and attacks exactly the batches the whole run attacks; a
/// model's batched kernels may round differently for other batch compositions.
/// Ascending indices, empty when there are fewer batches than shares.
at::Tensor shareImages(std::int64_t images, std::int64_t batchSize, const Share& share);

/// `chosen` (CurveOptions::images) as a CPU int64 list, checked to be
/// ascending indices, each once, of a set of `images`; throws Error otherwise.
at::Tensor checkedImageIndices(const at::Tensor& chosen, std::int64_t images);

} // namespace advlens::core
