// Answers the GUI soak's modal dialogs as a person would: fills in file
// dialogs (or cancels them) and clicks message boxes away, looking for them
// every few milliseconds on the GUI thread.
#pragma once

#include <QString>
#include <QTimer>

#include <utility>
#include <vector>

namespace advlens::bench {

class DialogButler {
public:
    DialogButler();
    /// The next file dialog gets `path` (empty: it is cancelled).
    void answerNext(const QString& path) { m_answer = path; }

    int fileDialogs = 0;
    int fileDialogsCancelled = 0;
    int messageBoxes = 0;
    std::vector<std::pair<QString, int>> boxTexts; ///< distinct message-box texts (first few)

private:
    void tick();

    QTimer m_timer;
    QString m_answer;
};

} // namespace advlens::bench
