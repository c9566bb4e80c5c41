#include "core/model/computedevice.h"

#include "core/util/error.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <thread>

namespace advlens::core {

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

int cudaDeviceCount()
{
    return cudaAvailable() ? static_cast<int>(torch::cuda::device_count()) : 0;
}

c10::Device resolveDevice(const std::string& name)
{
    if (name == "auto")
        return cudaAvailable() ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
    if (name == "cpu")
        return c10::Device(c10::kCPU);
    if (name.rfind("cuda", 0) == 0) {
        if (!cudaAvailable())
            throw Error("device '" + name + "' requested, but this LibTorch build has no CUDA or no GPU is present");
        try {
            c10::Device device(name);
            if (device.index() >= static_cast<int>(torch::cuda::device_count()))
                throw Error("device '" + name + "' does not exist");
            return device;
        } catch (const c10::Error&) {
            throw Error("invalid device '" + name + "'");
        }
    }
    throw Error("unknown device '" + name + "' (use cpu, cuda, cuda:N or auto)");
}

int configureThreads(int threads)
{
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    return at::get_num_threads();
}

} // namespace advlens::core
