#include "ui/studies/maskingcheckslist.h"

#include <QEvent>
#include <QHeaderView>
#include <QJsonObject>
#include <QTreeWidgetItemIterator>

namespace advlens::ui {

namespace {
// Deep green and red on a light list, light ones on a dark list: each keeps
// a contrast of about 5:1 or more with the background.
QColor resultColour(bool passed, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (passed)
        return dark ? QColor(0x6c, 0xc6, 0x7a) : QColor(0x00, 0x66, 0x00);
    return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb0, 0x00, 0x00);
}
} // namespace

MaskingChecksList::MaskingChecksList(QWidget* parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setRootIsDecorated(true);
    retranslate();
}

QString MaskingChecksList::checkTitle(const QString& name)
{
    // The names core/metrics/gradientmasking.cpp writes.
    if (name == QLatin1String("unbounded-pgd"))
        return tr("Unbounded PGD: accuracy ≈ 0");
    if (name == QLatin1String("fgsm-below-clean"))
        return tr("FGSM not above clean accuracy");
    if (name == QLatin1String("iterative-below-single-step"))
        return tr("PGD-20 not weaker than FGSM");
    if (name == QLatin1String("noise-weaker-than-gradients"))
        return tr("Noise not stronger than PGD-20");
    return name;
}

void MaskingChecksList::retranslate()
{
    setHeaderLabels({tr("Gradient-masking checks"), tr("Result")});
    setToolTip(tr("A defence that only hides its gradient fails these: unbounded attacks that do not reach 100 %, "
                  "iterative attacks weaker than one step, noise stronger than gradients"));
    for (int c = 0; c < topLevelItemCount(); ++c) {
        QTreeWidgetItem* curve = topLevelItem(c);
        int failed = 0;
        for (int i = 0; i < curve->childCount(); ++i) {
            QTreeWidgetItem* check = curve->child(i);
            const bool passed = check->data(1, Qt::UserRole).toBool();
            check->setText(0, checkTitle(check->data(0, Qt::UserRole).toString()));
            check->setText(1, passed ? tr("passed") : tr("FAILED"));
            failed += passed ? 0 : 1;
        }
        curve->setText(1, failed == 0 ? tr("all passed") : tr("%n failed", nullptr, failed));
    }
}

void MaskingChecksList::addCurve(const QString& curve, const QJsonArray& checks)
{
    if (checks.isEmpty())
        return;
    auto* top = new QTreeWidgetItem(this, {curve});
    int failed = 0;
    for (const QJsonValue& value : checks) {
        const QJsonObject check = value.toObject();
        const bool passed = check.value(QLatin1String("passed")).toBool();
        const QString description = check.value(QLatin1String("description")).toString();
        const QString name = check.value(QLatin1String("name")).toString();
        auto* item = new QTreeWidgetItem(top, {checkTitle(name), passed ? tr("passed") : tr("FAILED")});
        item->setData(0, Qt::UserRole, name);
        item->setData(1, Qt::UserRole, passed);
        item->setForeground(1, resultColour(passed, palette()));
        item->setToolTip(0, description);
        item->setToolTip(1, description);
        if (!passed && m_firstFailure.isEmpty())
            m_firstFailure = description;
        failed += passed ? 0 : 1;
    }
    top->setText(1, failed == 0 ? tr("all passed") : tr("%n failed", nullptr, failed));
    top->setData(1, Qt::UserRole, failed == 0);
    top->setForeground(1, resultColour(failed == 0, palette()));
    top->setToolTip(0, curve);
    top->setExpanded(failed > 0);
    m_failed += failed;
}

void MaskingChecksList::changeEvent(QEvent* event)
{
    QTreeWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() != QEvent::PaletteChange)
        return;
    for (QTreeWidgetItemIterator it(this); *it; ++it)
        (*it)->setForeground(1, resultColour((*it)->data(1, Qt::UserRole).toBool(), palette()));
}

} // namespace advlens::ui
