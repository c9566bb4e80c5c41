#include "ui/settings/appsettings.h"

namespace advlens::ui {

namespace {

const QString kLastModelPath = QStringLiteral("model/lastPath");
const QString kLastImageFolder = QStringLiteral("image/lastFolder");
const QString kWindowGeometry = QStringLiteral("window/geometry");
const QString kLanguage = QStringLiteral("ui/language");

} // namespace

QString AppSettings::lastModelPath() const
{
    return m_settings.value(kLastModelPath).toString();
}

void AppSettings::setLastModelPath(const QString& path)
{
    m_settings.setValue(kLastModelPath, path);
}

QString AppSettings::lastImageFolder() const
{
    return m_settings.value(kLastImageFolder).toString();
}

void AppSettings::setLastImageFolder(const QString& folder)
{
    m_settings.setValue(kLastImageFolder, folder);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(kWindowGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings.setValue(kWindowGeometry, geometry);
}

QString AppSettings::language() const
{
    return m_settings.value(kLanguage).toString();
}

void AppSettings::setLanguage(const QString& code)
{
    m_settings.setValue(kLanguage, code);
}

QByteArray AppSettings::splitterState(const QString& name) const
{
    return m_settings.value(QStringLiteral("window/splitter-") + name).toByteArray();
}

void AppSettings::setSplitterState(const QString& name, const QByteArray& state)
{
    m_settings.setValue(QStringLiteral("window/splitter-") + name, state);
}

QStringList AppSettings::recentImages() const
{
    return m_settings.value(QStringLiteral("files/recent-images")).toStringList();
}

void AppSettings::addRecentImage(const QString& path)
{
    QStringList recent = recentImages();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kRecentFiles)
        recent.removeLast();
    m_settings.setValue(QStringLiteral("files/recent-images"), recent);
}

} // namespace advlens::ui
