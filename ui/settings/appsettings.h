#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

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
    /// The splitters' sizes, keyed by splitter name.
    QByteArray splitterState(const QString& name) const;
    void setSplitterState(const QString& name, const QByteArray& state);
    /// Recently opened image files, newest first (at most kRecentFiles).
    QStringList recentImages() const;
    void addRecentImage(const QString& path);
    static constexpr int kRecentFiles = 8;

    /// A language code ("en", "zh_CN"); empty when never chosen.
    QString language() const;
    void setLanguage(const QString& code);

private:
    QSettings m_settings;
};

} // namespace advlens::ui
