#include "ui/gallery/gallerysettings.h"

namespace advlens::ui {

namespace {

const QString kLastFolder = QStringLiteral("gallery/lastFolder");
const QString kFashionMnistImages = QStringLiteral("gallery/fashionMnistImages");
const QString kGeometry = QStringLiteral("gallery/geometry");
const QString kSplitter = QStringLiteral("gallery/splitter");

} // namespace

QString GallerySettings::lastFolder() const
{
    return m_settings.value(kLastFolder).toString();
}

void GallerySettings::setLastFolder(const QString& folder)
{
    m_settings.setValue(kLastFolder, folder);
}

int GallerySettings::fashionMnistImages() const
{
    return m_settings.value(kFashionMnistImages, kDefaultImages).toInt();
}

void GallerySettings::setFashionMnistImages(int images)
{
    m_settings.setValue(kFashionMnistImages, images);
}

QByteArray GallerySettings::windowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

void GallerySettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings.setValue(kGeometry, geometry);
}

QByteArray GallerySettings::splitterState() const
{
    return m_settings.value(kSplitter).toByteArray();
}

void GallerySettings::setSplitterState(const QByteArray& state)
{
    m_settings.setValue(kSplitter, state);
}

} // namespace advlens::ui
