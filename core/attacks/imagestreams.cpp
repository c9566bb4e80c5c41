#include "core/attacks/imagestreams.h"

#include "core/util/error.h"

#include <ATen/ATen.h>

namespace advlens::core {

namespace {

/// SplitMix64's finaliser (Steele et al. 2014): nearby seeds and indices give
/// unrelated engine seeds.
std::uint64_t mix(std::uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

template <typename Draw>
at::Tensor drawRows(const std::vector<std::int64_t>& rows, at::IntArrayRef shape, Draw draw)
{
    std::vector<std::int64_t> sizes{static_cast<std::int64_t>(rows.size())};
    sizes.insert(sizes.end(), shape.begin(), shape.end());
    at::Tensor out = at::empty(sizes, at::kFloat);
    const std::int64_t perRow = rows.empty() ? 0 : out.numel() / static_cast<std::int64_t>(rows.size());
    float* data = out.data_ptr<float>();
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::int64_t k = 0; k < perRow; ++k)
            data[static_cast<std::int64_t>(r) * perRow + k] = draw(rows[r]);
    return out;
}

} // namespace

ImageStreams::ImageStreams(std::uint64_t seed, const at::Tensor& indices, std::uint64_t purpose)
{
    const at::Tensor list = indices.to(at::kCPU, at::kLong).contiguous();
    const std::int64_t* data = list.data_ptr<std::int64_t>();
    m_engines.reserve(static_cast<std::size_t>(list.numel()));
    for (std::int64_t i = 0; i < list.numel(); ++i)
        m_engines.emplace_back(mix(mix(mix(seed) ^ static_cast<std::uint64_t>(data[i])) ^ purpose));
}

std::vector<std::int64_t> ImageStreams::rowList(const at::Tensor& rows) const
{
    std::vector<std::int64_t> list;
    if (!rows.defined()) {
        for (std::int64_t r = 0; r < size(); ++r)
            list.push_back(r);
        return list;
    }
    const at::Tensor cpu = rows.to(at::kCPU, at::kLong).contiguous();
    list.assign(cpu.data_ptr<std::int64_t>(), cpu.data_ptr<std::int64_t>() + cpu.numel());
    for (std::int64_t r : list)
        if (r < 0 || r >= size())
            throw Error("image stream " + std::to_string(r) + " out of range (" + std::to_string(size()) + " streams)");
    return list;
}

at::Tensor ImageStreams::uniform(const at::Tensor& rows, at::IntArrayRef shape)
{
    return drawRows(rowList(rows), shape, [this](std::int64_t row) {
        return std::generate_canonical<float, 24>(engine(row));
    });
}

at::Tensor ImageStreams::normal(const at::Tensor& rows, at::IntArrayRef shape)
{
    // A fresh distribution per row and draw keeps no state across rows: the
    // polar method's spare value would otherwise pass to the next image.
    return drawRows(rowList(rows), shape, [this](std::int64_t row) {
        std::normal_distribution<float> standard;
        return standard(engine(row));
    });
}

at::Tensor ImageStreams::integers(const at::Tensor& rows, std::int64_t low, std::int64_t high)
{
    if (high <= low)
        throw Error("empty integer range");
    const std::vector<std::int64_t> list = rowList(rows);
    at::Tensor out = at::empty({static_cast<std::int64_t>(list.size())}, at::kLong);
    for (std::size_t r = 0; r < list.size(); ++r) {
        std::uniform_int_distribution<std::int64_t> pick(low, high - 1);
        out.data_ptr<std::int64_t>()[r] = pick(engine(list[r]));
    }
    return out;
}

at::Tensor imageIndices(const at::Tensor& indices, std::int64_t n)
{
    if (!indices.defined())
        return at::arange(n, at::kLong);
    if (indices.dim() != 1 || indices.size(0) != n)
        throw Error("image indices must be one per image");
    return indices.to(at::kCPU, at::kLong);
}

} // namespace advlens::core
