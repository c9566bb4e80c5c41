#include "studies/maskingcheckslist.h"

#include <QHeaderView>
#include <QJsonObject>

namespace advlens::ui {

namespace {
const QColor kFailed(0xb0, 0x00, 0x00);
const QColor kPassed(0x00, 0x66, 0x00);
} // namespace

MaskingChecksList::MaskingChecksList(QWidget* parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Gradient-masking checks"), tr("Result")});
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setRootIsDecorated(true);
    setToolTip(tr("A defence that only hides its gradient fails these: unbounded attacks that do not reach 100 %, "
                  "iterative attacks weaker than one step, noise stronger than gradients"));
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
        auto* item = new QTreeWidgetItem(top, {check.value(QLatin1String("name")).toString(),
                                               passed ? tr("passed") : tr("FAILED")});
        item->setForeground(1, passed ? kPassed : kFailed);
        item->setToolTip(0, description);
        item->setToolTip(1, description);
        if (!passed && m_firstFailure.isEmpty())
            m_firstFailure = description;
        failed += passed ? 0 : 1;
    }
    top->setText(1, failed == 0 ? tr("all passed") : tr("%n failed", nullptr, failed));
    top->setForeground(1, failed == 0 ? kPassed : kFailed);
    top->setToolTip(0, curve);
    top->setExpanded(failed > 0);
    m_failed += failed;
}

} // namespace advlens::ui
