#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

namespace advlens::ui {

/// Installs the application's translations (embedded as :/i18n/advlens_*.qm)
/// and Qt's own (dialog buttons, file dialogs) for one language at a time.
/// Installing a translator makes Qt send LanguageChange to every widget,
/// which is how open windows retranslate themselves.
class LanguageSwitcher : public QObject {
    Q_OBJECT

public:
    explicit LanguageSwitcher(QObject* parent = nullptr);

    /// Language codes with a translation, e.g. "en", "zh_CN".
    static QStringList languages();
    /// The name of a language in that language, so everyone can find theirs.
    static QString nativeName(const QString& code);
    /// "zh_CN" for a Chinese system locale, else "en".
    static QString systemLanguage();

    /// Switches to `code` (unknown codes fall back to English).
    void apply(const QString& code);
    QString current() const { return m_current; }

private:
    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    QString m_current;
};

} // namespace advlens::ui
