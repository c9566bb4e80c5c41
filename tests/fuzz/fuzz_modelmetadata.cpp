// Fuzz target: core::parseModelMetadata (core/model/modelmetadata.h), the
// JSON beside a model's weights. The contract: bad text throws core::Error
// and nothing else; metadata that is returned passes the checks the rest of
// AdvLens relies on (channels, sizes, one mean and std per channel, ≥ 2
// classes, ids and output indices one per class).

#include "tests/fuzz/fuzzsupport.h"
#include "core/model/modelmetadata.h"
#include "core/util/error.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace {

namespace fs = std::filesystem;

/// The folder relative paths resolve against, with a labels file in each
/// layout readLabelsFile knows, so "labels_file" can name a real file.
const fs::path& metadataFolder()
{
    static const fs::path folder = [] {
        const fs::path base = advlens::fuzz::processTempFolder() / "model";
        advlens::fuzz::writeFile(base / "labels.txt", "cat\ndog\n");
        advlens::fuzz::writeFile(base / "ids.tsv", "n01\tcat\r\nn02\tdog\n");
        advlens::fuzz::writeFile(base / "classes.tsv", "0\tn01\tcat\n1\tn02\tdog\n2\tn03\tbird\n");
        advlens::fuzz::writeFile(base / "empty.txt", "");
        return base;
    }();
    return folder;
}

void checkInvariants(const advlens::core::ModelMetadata& m)
{
    using advlens::fuzz::fail;
    if (m.input.channels != 1 && m.input.channels != 3)
        fail("accepted input channels other than 1 or 3");
    if (m.input.height < 1 || m.input.width < 1 || m.input.height > 4096 || m.input.width > 4096)
        fail("accepted an input size outside 1..4096");
    const auto channels = static_cast<std::size_t>(m.input.channels);
    if (m.mean.size() != channels || m.std.size() != channels)
        fail("accepted mean/std without one value per channel");
    for (float s : m.std)
        if (!(s > 0.f) || !std::isfinite(s))
            fail("accepted a std that is not positive and finite");
    if (m.classNames.size() < 2)
        fail("accepted fewer than two classes");
    if (!m.classIds.empty() && m.classIds.size() != m.classNames.size())
        fail("accepted class ids not one per class");
    if (!m.outputIndices.empty()) {
        if (m.outputIndices.size() != m.classNames.size())
            fail("accepted output indices not one per class");
        for (std::size_t i = 0; i < m.outputIndices.size(); ++i)
            if (m.outputIndices[i] < 0 || (i > 0 && m.outputIndices[i] <= m.outputIndices[i - 1]))
                fail("accepted output indices that are negative or not increasing");
    }
    if (m.kind == advlens::core::ModelKind::Native && m.architecture.empty())
        fail("accepted a native model without an architecture");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        checkInvariants(advlens::core::parseModelMetadata(advlens::fuzz::asText(data, size), metadataFolder()));
    } catch (const advlens::core::Error&) {
        // The documented failure.
    }
    return 0;
}
