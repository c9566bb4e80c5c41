#include "ui/gallery/gallerysourcebar.h"

#include "ui/panels/testsetbrowser.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

namespace advlens::ui {

namespace {

constexpr int kProgressScale = 1000; // per mille: totals may pass INT_MAX
constexpr int kToolTipLines = 25;    // more would not fit on a screen

} // namespace

GallerySourceBar::GallerySourceBar(QWidget* parent)
    : QWidget(parent)
    , m_openFolder(new QPushButton(this))
    , m_fashionMnist(new QPushButton(this))
    , m_images(new QSpinBox(this))
    , m_status(new QLabel(this))
    , m_unreadable(new QToolButton(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(this))
{
    m_openFolder->setObjectName(QStringLiteral("openFolder"));
    m_fashionMnist->setObjectName(QStringLiteral("openFashionMnist"));
    m_images->setRange(1, TestSetBrowser::kTestImages);
    m_images->setSingleStep(100);
    m_images->setGroupSeparatorShown(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true); // a long summary takes two lines rather than widening the window
    m_status->setMinimumWidth(120);
    m_unreadable->setObjectName(QStringLiteral("unreadable"));
    m_unreadable->setAutoRaise(true);
    m_unreadable->hide();
    m_progress->setRange(0, kProgressScale);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    m_cancel->setEnabled(false);
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_openFolder);
    layout->addSpacing(12);
    layout->addWidget(m_fashionMnist);
    layout->addWidget(m_images);
    layout->addSpacing(12);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_unreadable);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);

    connect(m_openFolder, &QPushButton::clicked, this, &GallerySourceBar::folderRequested);
    connect(m_fashionMnist, &QPushButton::clicked, this, [this] { Q_EMIT fashionMnistRequested(m_images->value()); });
    connect(m_cancel, &QPushButton::clicked, this, &GallerySourceBar::cancelRequested);
    connect(m_unreadable, &QToolButton::clicked, this, &GallerySourceBar::showUnreadable);
    retranslate();
}

int GallerySourceBar::fashionMnistImages() const
{
    return m_images->value();
}

void GallerySourceBar::setFashionMnistImages(int images)
{
    m_images->setValue(images);
}

void GallerySourceBar::setFashionMnistAvailable(bool available, const QString& reason)
{
    m_fashionMnist->setEnabled(available);
    m_images->setEnabled(available);
    m_fashionMnistReason = available ? QString() : reason;
    retranslate();
}

void GallerySourceBar::setStatus(const QString& text)
{
    m_status->setText(text);
}

QString GallerySourceBar::statusText() const
{
    return m_status->text();
}

void GallerySourceBar::setUnreadable(const QStringList& problems)
{
    m_problems = problems;
    m_unreadable->setVisible(!problems.isEmpty());
    retranslate();
}

void GallerySourceBar::setBusy(bool busy)
{
    m_cancel->setEnabled(busy);
    m_progress->setVisible(busy);
    if (busy)
        m_progress->setValue(0);
}

void GallerySourceBar::setProgress(qint64 done, qint64 total)
{
    m_progress->setValue(total > 0 ? static_cast<int>(kProgressScale * done / total) : 0);
    m_progress->setFormat(tr("%1 of %2").arg(QLocale().toString(done), QLocale().toString(total)));
}

void GallerySourceBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void GallerySourceBar::retranslate()
{
    m_openFolder->setText(tr("Open folder…"));
    m_openFolder->setToolTip(tr("A folder with one sub-folder per class (named as the model's classes, by "
                                "class index, or anything else), images inside"));
    m_fashionMnist->setText(tr("Fashion-MNIST test set"));
    m_fashionMnist->setToolTip(m_fashionMnistReason.isEmpty() ? tr("Classify the first test images")
                                                              : m_fashionMnistReason);
    m_images->setPrefix(tr("first "));
    m_images->setToolTip(tr("How many test images, from the first"));
    m_cancel->setText(tr("Cancel"));
    m_unreadable->setText(tr("%n unreadable", nullptr, static_cast<int>(m_problems.size())));
    QStringList lines = m_problems.mid(0, kToolTipLines);
    if (m_problems.size() > kToolTipLines)
        lines << tr("… and %n more (click for all)", nullptr, static_cast<int>(m_problems.size() - kToolTipLines));
    m_unreadable->setToolTip(lines.join(QLatin1Char('\n')));
}

void GallerySourceBar::showUnreadable()
{
    QMessageBox box(
        QMessageBox::Information, tr("Unreadable images"),
        tr("%n file(s) could not be read and are not in the gallery.", nullptr, static_cast<int>(m_problems.size())),
        QMessageBox::Close, this);
    box.setDetailedText(m_problems.join(QLatin1Char('\n')));
    box.exec();
}

} // namespace advlens::ui
