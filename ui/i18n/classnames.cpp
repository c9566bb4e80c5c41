#include "ui/i18n/classnames.h"

#include <QCoreApplication>

namespace advlens::ui {

namespace {

constexpr const char* kContext = "advlens::ui::ClassNames";

// Listed only so lupdate collects them; looked up by name below.
[[maybe_unused]] constexpr const char* kFashionMnistNames[] = {
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "T-shirt/top"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Trouser"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Pullover"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Dress"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Coat"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Sandal"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Shirt"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Sneaker"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Bag"),
    QT_TRANSLATE_NOOP("advlens::ui::ClassNames", "Ankle boot"),
};

} // namespace

QString displayClassName(const QString& name)
{
    // translate() returns the source text itself when there is no translation.
    return QCoreApplication::translate(kContext, name.toUtf8().constData());
}

} // namespace advlens::ui
