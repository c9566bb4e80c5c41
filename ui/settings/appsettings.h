#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

namespace advlens::ui {

/// The GUI's persistent choices, by name, so no other file spells a QSettings
/// key. Stored where QSettings puts the application's settings (on Linux
/// ~/.config/AdvLens/advlens.conf).
class AppSettings {
public:
    QString lastModelPath() const;
    void setLastModelPath(const QString& path);

    QString lastImageFolder() const;
    void setLastImageFolder(const QString& folder);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);

    /// A language code ("en", "zh_CN"); empty when never chosen.
    QString language() const;
    void setLanguage(const QString& code);

private:
    QSettings m_settings;
};

} // namespace advlens::ui
