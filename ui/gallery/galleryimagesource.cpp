#include "ui/gallery/galleryimagesource.h"

#include "core/data/fashionmnist.h"
#include "core/data/imagefolder.h"
#include "core/data/imagepreprocessing.h"
#include "core/model/modelmetadata.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <QCoreApplication>

#include <exception>
#include <filesystem>

namespace advlens::ui {

namespace fs = std::filesystem;

namespace {

QStringList toStringList(const std::vector<std::string>& names)
{
    QStringList list;
    for (const std::string& name : names)
        list << QString::fromStdString(name);
    return list;
}

} // namespace

struct GalleryImageSource::State {
    GallerySourceInfo info;
    core::InputSpec input;
    core::PreprocessPolicy policy;
    // A folder: every listed file, its sub-folder's class and its model label.
    core::ImageFolderIndex index;
    std::vector<std::size_t> rowFiles; ///< row → index into index.files
    std::size_t nextFile = 0;
    // The Fashion-MNIST test set: rows are test indices.
    core::LabelledImages testSet;
    bool isTestSet = false;

    std::int64_t labelOf(std::int64_t trueClass) const { return info.labelsKnown ? trueClass : -1; }

    /// Reads one listed file; core::Error (and anything OpenCV throws) says why it cannot.
    at::Tensor read(std::size_t file) const { return core::loadImageForModel(index.files[file], input, policy); }
};

GalleryImageSource::GalleryImageSource(const GallerySource& source, const core::ModelMetadata& metadata)
    : m_state(std::make_unique<State>())
{
    State& s = *m_state;
    s.input = metadata.input;
    s.policy = metadata.preprocess;
    s.info.modelClassNames = toStringList(metadata.classNames);
    if (source.kind == GallerySource::FashionMnistTest) {
        if (s.input.channels != 1 || s.input.height != 28 || s.input.width != 28)
            throw core::Error(
                QCoreApplication::translate("advlens::ui::GalleryImageSource",
                                            "the Fashion-MNIST test set has 1×28×28 images; this model takes %1×%2×%3")
                    .arg(s.input.channels)
                    .arg(s.input.height)
                    .arg(s.input.width)
                    .toStdString());
        s.isTestSet = true;
        s.testSet = core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test, std::max(1, source.count));
        s.info.description = QCoreApplication::translate("advlens::ui::GalleryImageSource", "Fashion-MNIST test set");
        s.info.classNames = toStringList(s.testSet.classNames);
        s.info.labelsKnown = s.testSet.classNames == metadata.classNames;
        s.info.total = s.testSet.size();
        return;
    }
    s.index = core::scanImageFolder(fs::u8path(source.folder.toStdString()), metadata.classNames, metadata.classIds);
    s.info.description = source.folder;
    s.info.classNames = toStringList(s.index.classNames);
    s.info.labelsKnown = !metadata.classNames.empty() && s.index.classNames == metadata.classNames;
    s.info.total = static_cast<qint64>(s.index.files.size());
    if (s.info.total == 0)
        throw core::Error(QCoreApplication::translate(
                              "advlens::ui::GalleryImageSource",
                              "the class sub-folders of %1 hold no images (PNG, JPEG, BMP, TIFF, WebP, PGM, PPM)")
                              .arg(source.folder)
                              .toStdString());
}

GalleryImageSource::~GalleryImageSource() = default;

const GallerySourceInfo& GalleryImageSource::info() const
{
    return m_state->info;
}

qint64 GalleryImageSource::remaining() const
{
    const State& s = *m_state;
    return s.isTestSet ? s.info.total - static_cast<qint64>(s.rowFiles.size())
                       : s.info.total - static_cast<qint64>(s.nextFile);
}

bool GalleryImageSource::next(int count, at::Tensor& images, at::Tensor& labels, GalleryBatch& batch)
{
    State& s = *m_state;
    if (remaining() <= 0)
        return false;
    std::vector<at::Tensor> inputs;
    std::vector<std::int64_t> labelValues;
    const auto addItem = [&](GalleryItem item, at::Tensor input) {
        item.row = static_cast<int>(s.rowFiles.size());
        item.label = static_cast<int>(s.labelOf(item.trueClass));
        labelValues.push_back(item.label);
        inputs.push_back(std::move(input));
        batch.items.push_back(std::move(item));
    };
    if (s.isTestSet) {
        const auto first = static_cast<std::int64_t>(s.rowFiles.size());
        const std::int64_t end = std::min<std::int64_t>(first + count, s.info.total);
        for (std::int64_t i = first; i < end; ++i) {
            GalleryItem item;
            item.testIndex = static_cast<int>(i);
            item.name = QStringLiteral("fashion-mnist:%1").arg(i);
            item.trueClass = static_cast<int>(s.testSet.labels[i].item<std::int64_t>());
            addItem(std::move(item), s.testSet.images.slice(0, i, i + 1));
            s.rowFiles.push_back(static_cast<std::size_t>(i));
        }
    } else {
        for (int taken = 0; taken < count && s.nextFile < s.index.files.size(); ++taken, ++s.nextFile) {
            const fs::path& file = s.index.files[s.nextFile];
            const QString name = QString::fromStdString((file.parent_path().filename() / file.filename()).u8string());
            try {
                at::Tensor input = s.read(s.nextFile);
                GalleryItem item;
                item.path = QString::fromStdString(file.u8string());
                item.name = name;
                item.trueClass = static_cast<int>(s.index.labels[s.nextFile]);
                addItem(std::move(item), std::move(input));
                s.rowFiles.push_back(s.nextFile);
            } catch (const std::exception& e) {
                batch.unreadable << QStringLiteral("%1: %2").arg(name,
                                                                 QString::fromStdString(core::firstLine(e.what())));
            }
        }
    }
    images = inputs.empty() ? at::Tensor() : at::cat(inputs, 0);
    labels = at::tensor(labelValues, at::kLong);
    return true;
}

at::Tensor GalleryImageSource::load(const std::vector<int>& rows, std::vector<int>& kept) const
{
    const State& s = *m_state;
    kept.clear();
    std::vector<at::Tensor> inputs;
    for (int row : rows) {
        if (row < 0 || static_cast<std::size_t>(row) >= s.rowFiles.size())
            continue;
        const std::size_t file = s.rowFiles[static_cast<std::size_t>(row)];
        try {
            const auto i = static_cast<std::int64_t>(file);
            inputs.push_back(s.isTestSet ? s.testSet.images.slice(0, i, i + 1) : s.read(file));
            kept.push_back(row);
        } catch (const std::exception&) {
            // Read once, unreadable now (deleted, replaced): this row is not attacked.
        }
    }
    return inputs.empty() ? at::Tensor() : at::cat(inputs, 0);
}

} // namespace advlens::ui
