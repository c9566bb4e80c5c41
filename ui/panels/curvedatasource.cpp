#include "panels/curvedatasource.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QToolButton>

namespace advlens::ui {

CurveDataSource::CurveDataSource(QWidget* parent)
    : QWidget(parent)
    , m_choice(new QComboBox(this))
    , m_browse(new QToolButton(this))
{
    m_choice->setObjectName(QStringLiteral("curveData"));
    m_browse->setObjectName(QStringLiteral("curveDataBrowse"));
    m_choice->addItem(QString(), QString());
    // Long folder paths must not widen the whole control column.
    m_choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_choice->setMinimumContentsLength(12);
    m_browse->setText(QStringLiteral("…"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_choice, 1);
    layout->addWidget(m_browse);
    connect(m_browse, &QToolButton::clicked, this, &CurveDataSource::chooseFolder);
    retranslate();
}

QString CurveDataSource::folder() const
{
    return m_choice->currentData().toString();
}

void CurveDataSource::setFolder(const QString& path)
{
    if (path.isEmpty()) {
        m_choice->setCurrentIndex(0);
        return;
    }
    int index = m_choice->findData(path);
    if (index < 0) {
        m_choice->addItem(QDir::toNativeSeparators(path), path);
        index = m_choice->count() - 1;
        m_choice->setItemData(index, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    m_choice->setCurrentIndex(index);
}

void CurveDataSource::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Folder of labelled images"), folder());
    if (!path.isEmpty())
        setFolder(path);
}

void CurveDataSource::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void CurveDataSource::retranslate()
{
    m_choice->setItemText(0, tr("Fashion-MNIST"));
    m_choice->setToolTip(tr("The labelled images the curve runs on: the Fashion-MNIST test set, or a folder with "
                            "one sub-folder per class (named by class name, WordNet id or index)"));
    m_browse->setToolTip(tr("Choose a folder of labelled images…"));
}

} // namespace advlens::ui
