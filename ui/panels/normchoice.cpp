#include "ui/panels/normchoice.h"

#include "ui/workers/attackcatalog.h"

#include <QComboBox>
#include <QStandardItemModel>

namespace advlens::ui {

void offerSupportedNorms(QComboBox* norms, const AttackChoice* attack)
{
    auto* items = qobject_cast<QStandardItemModel*>(norms->model());
    int firstSupported = -1;
    for (int i = 0; i < norms->count(); ++i) {
        const bool supported = !attack || attack->supports(norms->itemData(i).toString());
        if (items)
            items->item(i)->setEnabled(supported);
        if (supported && firstSupported < 0)
            firstSupported = i;
    }
    if (attack && !attack->supports(norms->currentData().toString()) && firstSupported >= 0)
        norms->setCurrentIndex(firstSupported);
}

} // namespace advlens::ui
