#include "ui/studies/unfinishedstudy.h"

#include "core/studies/studyconfig.h"
#include "core/studies/studyrunner.h"
#include "core/studies/studystore.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <QCoreApplication>
#include <QDir>
#include <QStringList>

#include <filesystem>

namespace advlens::ui {

namespace {

constexpr int kNamedItems = 6; ///< listed by name; the rest are counted

/// The context its messages are translated in.
class UnfinishedStudy {
    Q_DECLARE_TR_FUNCTIONS(advlens::ui::UnfinishedStudy)
};

} // namespace

QString unfinishedStudyText(const QString& folder)
{
    const std::filesystem::path root = std::filesystem::u8path(folder.toStdString());
    std::error_code error;
    if (!std::filesystem::is_regular_file(core::savedConfigFile(root), error))
        return {};
    try {
        const core::StudyConfig config =
            core::parseStudyConfig(core::readFileBytes(core::savedConfigFile(root)), root);
        const core::StudyStore store(root);
        const std::vector<std::string> missing = core::unfinishedWorkItems(config, store);
        const int items = static_cast<int>(core::studyWorkItems(config).size());
        if (missing.empty())
            return UnfinishedStudy::tr("Every part of this study is computed, but results.json is missing: run the study once more "
                      "on this folder to assemble it.");
        QStringList names;
        for (std::size_t i = 0; i < missing.size() && i < std::size_t(kNamedItems); ++i)
            names << QString::fromStdString(missing[i]);
        if (missing.size() > std::size_t(kNamedItems))
            names << UnfinishedStudy::tr("and %n more", nullptr, int(missing.size()) - kNamedItems);
        return UnfinishedStudy::tr("This study is not finished: %1 of its %n work item(s) are missing", nullptr, items)
                   .arg(static_cast<int>(missing.size())) +
               QStringLiteral(" (") + names.join(QStringLiteral(", ")) + QStringLiteral("). ") +
               UnfinishedStudy::tr("Run the study again on this folder, or the shares that did not finish, to complete it.");
    } catch (const std::exception& e) { // core::Error, and a damaged part file's JSON or file-system errors
        return UnfinishedStudy::tr("This folder holds an unfinished study, but what is missing cannot be told: %1")
            .arg(QString::fromStdString(e.what()));
    }
}

} // namespace advlens::ui
