#pragma once

#include "ui/gallery/galleryitem.h"
#include "ui/gallery/gallerysource.h"

#include <memory>
#include <vector>

// Worker-side only (LibTorch types are forward-declared; see workers/tensorpixels.h).
namespace at {
class Tensor;
}
namespace advlens::core {
struct ModelMetadata;
}

namespace advlens::ui {

/// The images of one gallery source, on the gallery worker's thread: a folder
/// of labelled images (root/<class>/<image>, classes named as the model's
/// classes, by index, or anything else) or the first N Fashion-MNIST test
/// images. Hands them out in batches of model inputs, decoding each file once,
/// and can produce the inputs of rows already handed out again (for attacks)
/// without keeping full-size images in memory.
class GalleryImageSource {
public:
    /// Lists the images for a model with `metadata`. Throws core::Error when the
    /// folder has no class sub-folders, the data set is missing, or the model
    /// does not take Fashion-MNIST images.
    GalleryImageSource(const GallerySource& source, const core::ModelMetadata& metadata);
    ~GalleryImageSource();

    const GallerySourceInfo& info() const;
    /// Listed images not yet handed out or reported unreadable.
    qint64 remaining() const;

    /// Reads up to `count` more listed images. Each readable one becomes an
    /// item of `batch` (row, path, name, trueClass and label filled in) and a
    /// slice of `images` (N×C×H×W in [0, 1], CPU; undefined when none was
    /// readable), with `labels` (N int64, −1 where unknown). Unreadable files
    /// go to batch.unreadable as "name: reason". False when nothing was left.
    bool next(int count, at::Tensor& images, at::Tensor& labels, GalleryBatch& batch);

    /// The model inputs of `rows` (as handed out by next()), decoded again.
    /// Rows whose file no longer reads are left out: `kept` lists those loaded,
    /// in order. Returns an undefined tensor when none could be loaded.
    at::Tensor load(const std::vector<int>& rows, std::vector<int>& kept) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace advlens::ui
