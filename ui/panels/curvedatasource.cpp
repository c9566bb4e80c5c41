#include "ui/panels/curvedatasource.h"

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
    connect(m_choice, &QComboBox::currentIndexChanged, this, &CurveDataSource::choiceChanged);
    retranslate();
}

QString CurveDataSource::folder() const
{
    return m_choice->currentData().toString();
}

void CurveDataSource::setFolder(const QString& path)
{
    if (path.isEmpty()) {
        m_choice->setCurrentIndex(m_fashionMnistOffered ? 0 : -1);
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

void CurveDataSource::setFashionMnistOffered(bool offered)
{
    if (offered == m_fashionMnistOffered)
        return;
    m_fashionMnistOffered = offered;
    if (offered) {
        const bool folderChosen = m_choice->currentIndex() >= 0;
        m_choice->insertItem(0, QString(), QString());
        if (!folderChosen)
            m_choice->setCurrentIndex(0);
    } else {
        const bool wasChosen = m_choice->currentIndex() == 0;
        m_choice->removeItem(0);
        if (wasChosen)
            m_choice->setCurrentIndex(-1); // no folder is picked for the user
    }
    retranslate();
}

bool CurveDataSource::hasChoice() const
{
    return m_choice->currentIndex() >= 0;
}

QStringList CurveDataSource::choices() const
{
    QStringList texts;
    for (int i = 0; i < m_choice->count(); ++i)
        texts << m_choice->itemText(i);
    return texts;
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
    if (m_fashionMnistOffered) {
        m_choice->setItemText(0, tr("Fashion-MNIST"));
        m_choice->setToolTip(tr("The labelled images the curve runs on: the Fashion-MNIST test set, or a folder with "
                                "one sub-folder per class (named by class name, WordNet id or index)"));
    } else {
        m_choice->setToolTip(tr("The labelled images the curve runs on: a folder with one sub-folder per class "
                                "(named by class name, WordNet id or index)"));
    }
    m_choice->setPlaceholderText(tr("Choose a folder…"));
    m_browse->setToolTip(tr("Choose a folder of labelled images…"));
}

} // namespace advlens::ui
