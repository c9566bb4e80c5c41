#include "ui/workers/zoocatalog.h"

#include "core/model/modelmetadata.h"
#include "core/util/datapaths.h"

#include <algorithm>
#include <exception>
#include <set>

namespace advlens::ui {

QList<ZooEntry> zooCatalog()
{
    QList<ZooEntry> entries;
    std::set<std::string> seen;
    for (const std::filesystem::path& folder : core::zooSearchPath()) {
        std::error_code error;
        for (const auto& file : std::filesystem::directory_iterator(folder, error)) {
            if (file.path().extension() != ".json")
                continue;
            try {
                const core::ModelMetadata meta = core::readModelMetadata(file.path());
                if (!seen.insert(meta.name).second)
                    continue; // an earlier folder has this model
                ZooEntry entry;
                entry.path = QString::fromStdString(file.path().u8string());
                entry.name = QString::fromStdString(meta.name);
                entry.architecture = QString::fromStdString(meta.architecture);
                if (meta.training)
                    entry.recipe = QString::fromStdString(meta.training->recipe);
                entry.cleanAccuracy = meta.cleanAccuracy.value_or(-1.0);
                entries << entry;
            } catch (const std::exception&) {
                // Not a model's metadata (or broken): the zoo list leaves it out.
            }
        }
    }
    std::sort(entries.begin(), entries.end(), [](const ZooEntry& a, const ZooEntry& b) { return a.name < b.name; });
    return entries;
}

} // namespace advlens::ui
