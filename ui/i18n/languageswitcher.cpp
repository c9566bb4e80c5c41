#include "ui/i18n/languageswitcher.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace advlens::ui {

namespace {

const QString kEnglish = QStringLiteral("en");
const QString kChinese = QStringLiteral("zh_CN");

} // namespace

LanguageSwitcher::LanguageSwitcher(QObject* parent)
    : QObject(parent)
{
}

QStringList LanguageSwitcher::languages()
{
    return {kEnglish, kChinese};
}

QString LanguageSwitcher::nativeName(const QString& code)
{
    return code == kChinese ? QStringLiteral("简体中文") : QStringLiteral("English");
}

QString LanguageSwitcher::systemLanguage()
{
    return QLocale::system().language() == QLocale::Chinese ? kChinese : kEnglish;
}

void LanguageSwitcher::apply(const QString& code)
{
    const QString language = languages().contains(code) ? code : kEnglish;
    if (language == m_current)
        return;
    QCoreApplication::removeTranslator(&m_appTranslator);
    QCoreApplication::removeTranslator(&m_qtTranslator);
    // English loads its catalogue too: it holds the plural forms ("1 epoch",
    // "4 epochs"). Qt's own catalogue may be missing (package
    // qt6-translations-l10n); its dialogs then simply stay in English.
    if (m_appTranslator.load(QStringLiteral("advlens_") + language, QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&m_appTranslator);
    if (m_qtTranslator.load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qtTranslator);
    m_current = language;
    QLocale::setDefault(QLocale(language));
}

} // namespace advlens::ui
