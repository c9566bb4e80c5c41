#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <random>
#include <vector>

namespace advlens::core {

/// One random stream per image, seeded from the run's seed and the image's
/// index in its data set (AttackInput::indices), never from its position in a
/// batch: an image's draws are the same whatever the batch size, the rank that
/// attacks it, or which other images are still being attacked. Draws come back
/// on the CPU as float32 (int64 for integers).
class ImageStreams {
public:
    /// `indices`: N int64 (any device). `purpose` separates the streams of
    /// different uses within one attack (a start, a search) so that drawing
    /// more for one never shifts the other.
    ImageStreams(std::uint64_t seed, const at::Tensor& indices, std::uint64_t purpose = 0);

    std::int64_t size() const { return static_cast<std::int64_t>(m_engines.size()); }

    /// For each of `rows` (int64 positions in this set; undefined: all), a
    /// tensor of `shape` drawn from its own stream, stacked: rows×shape.
    at::Tensor uniform(const at::Tensor& rows, at::IntArrayRef shape);           ///< U[0, 1)
    at::Tensor normal(const at::Tensor& rows, at::IntArrayRef shape);            ///< N(0, 1)
    at::Tensor integers(const at::Tensor& rows, std::int64_t low, std::int64_t high); ///< rows, U{low..high−1}

    /// The engine of image `row`, for draws the tensor forms do not cover.
    std::mt19937_64& engine(std::int64_t row) { return m_engines.at(static_cast<std::size_t>(row)); }

private:
    std::vector<std::int64_t> rowList(const at::Tensor& rows) const;

    std::vector<std::mt19937_64> m_engines;
};

/// The images' indices in their data set: `indices` when defined (checked N
/// int64), else 0..N−1 (then draws depend on the batch split; every
/// evaluation over a data set passes the real indices).
at::Tensor imageIndices(const at::Tensor& indices, std::int64_t n);

} // namespace advlens::core
