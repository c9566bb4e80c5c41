#include "core/data/imageexport.h"

#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace advlens::core {

std::string encodePng(const at::Tensor& image, int bitDepth)
{
    at::Tensor chw = image.dim() == 4 ? image[0] : image;
    if (chw.dim() != 3 || (chw.size(0) != 1 && chw.size(0) != 3))
        throw Error("can only save 1- or 3-channel images as PNG");
    if (bitDepth != 8 && bitDepth != 16)
        throw Error("PNG bit depth must be 8 or 16");
    const double maxValue = bitDepth == 8 ? 255.0 : 65535.0;
    at::Tensor hwc = chw.detach()
                         .to(at::kCPU, at::kFloat)
                         .clamp(0, 1)
                         .mul(maxValue)
                         .round()
                         .to(bitDepth == 8 ? at::kByte : at::kInt)
                         .permute({1, 2, 0})
                         .contiguous();
    const int channels = static_cast<int>(chw.size(0));
    const int rows = static_cast<int>(chw.size(1)), cols = static_cast<int>(chw.size(2));
    cv::Mat mat;
    if (bitDepth == 8) {
        mat = cv::Mat(rows, cols, CV_8UC(channels), hwc.data_ptr()).clone();
    } else {
        cv::Mat(rows, cols, CV_32SC(channels), hwc.data_ptr()).convertTo(mat, CV_16U);
    }
    if (channels == 3)
        cv::cvtColor(mat, mat, cv::COLOR_RGB2BGR);
    std::vector<uchar> buffer;
    if (!cv::imencode(".png", mat, buffer))
        throw Error("PNG encoding failed");
    return std::string(buffer.begin(), buffer.end());
}

void savePng(const at::Tensor& image, const std::filesystem::path& path, int bitDepth)
{
    writeFileAtomically(path, encodePng(image, bitDepth));
}

std::vector<std::filesystem::path> writeAttackBundle(const at::Tensor& image, const at::Tensor& adversarial,
                                                     const std::filesystem::path& stem)
{
    const at::Tensor x = adversarial.detach().cpu();
    const at::Tensor delta = x - image.detach().cpu();
    const auto named = [&stem](const char* suffix) {
        std::filesystem::path path = stem;
        path += suffix;
        return path;
    };
    const std::vector<std::pair<std::filesystem::path, std::string>> files = {
        {named("-adversarial.png"), encodePng(x)},
        {named("-noise.png"), encodePng(amplifiedPerturbation(delta), 8)},
        {named("-noise.npy"), encodeNpy(delta)},
        {named("-adversarial.npy"), encodeNpy(x)},
    };
    writeFilesAtomically(files);
    std::vector<std::filesystem::path> paths;
    for (const auto& file : files)
        paths.push_back(file.first);
    return paths;
}

at::Tensor amplifiedPerturbation(const at::Tensor& delta, double scale)
{
    at::Tensor d = delta.detach().to(at::kCPU, at::kFloat);
    if (scale <= 0.0)
        scale = d.abs().max().item<double>();
    if (scale <= 0.0)
        return at::full_like(d, 0.5);
    return (d / (2.0 * scale) + 0.5).clamp(0.0, 1.0);
}

void saveNpy(const at::Tensor& tensor, const std::filesystem::path& path)
{
    writeFileAtomically(path, encodeNpy(tensor));
}

std::string encodeNpy(const at::Tensor& tensor)
{
    const at::Tensor data = tensor.detach().to(at::kCPU, at::kFloat).contiguous();
    std::string shape = "(";
    for (std::int64_t s : data.sizes())
        shape += std::to_string(s) + ", ";
    if (data.dim() > 1)
        shape.erase(shape.size() - 2);
    else if (data.dim() == 1)
        shape.erase(shape.size() - 1);
    shape += ")";
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    // Magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64.
    const std::size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string bytes = "\x93NUMPY";
    bytes += '\x01';
    bytes += '\x00';
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>((header.size() >> 8) & 0xff);
    bytes += header;
    bytes.append(static_cast<const char*>(data.data_ptr()), static_cast<std::size_t>(data.numel()) * sizeof(float));
    return bytes;
}

} // namespace advlens::core
