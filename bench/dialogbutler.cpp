#include "bench/dialogbutler.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

#include <algorithm>

namespace advlens::bench {

namespace {
constexpr int kButlerIntervalMs = 5; // how often modal dialogs are looked for
} // namespace

DialogButler::DialogButler()
{
    m_timer.setInterval(kButlerIntervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    m_timer.start();
}

void DialogButler::tick()
{
    QWidget* modal = QApplication::activeModalWidget();
    if (!modal || !modal->isVisible())
        return;
    if (auto* dialog = qobject_cast<QFileDialog*>(modal)) {
        ++fileDialogs;
        if (m_answer.isEmpty()) {
            ++fileDialogsCancelled;
            dialog->reject();
            return;
        }
        dialog->selectFile(m_answer);
        m_answer.clear();
        // QFileDialog::accept() (protected, reached through QDialog) checks the
        // file: a missing one gets a box first, and the dialog is cancelled next tick.
        static_cast<QDialog*>(dialog)->accept();
    } else if (auto* box = qobject_cast<QMessageBox*>(modal)) {
        ++messageBoxes;
        const QString text = box->text().section(QLatin1Char('\n'), 0, 0).left(110);
        auto seen = std::find_if(boxTexts.begin(), boxTexts.end(), [&](const auto& e) { return e.first == text; });
        if (seen != boxTexts.end())
            ++seen->second;
        else if (boxTexts.size() < 10)
            boxTexts.emplace_back(text, 1);
        QAbstractButton* button = box->escapeButton() ? box->escapeButton() : box->defaultButton();
        if (!button && !box->buttons().isEmpty())
            button = box->buttons().first();
        if (button)
            QTest::mouseClick(button, Qt::LeftButton);
        else
            box->reject();
    } else {
        modal->close();
    }
}

} // namespace advlens::bench
