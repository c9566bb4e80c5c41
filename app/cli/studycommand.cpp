#include "app/cli/clisupport.h"
#include "app/cli/commands.h"
#include "app/cli/ranks.h"
#include "app/cli/shardoption.h"
#include "app/cli/terminalprogress.h"

#include "core/studies/studyconfig.h"
#include "core/studies/studyregistry.h"
#include "core/studies/studyrunner.h"
#include "core/studies/studystore.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include "ui/studies/studyreport.h"

#include <QApplication>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <filesystem>
#include <sstream>
#include <chrono>
#include <functional>

namespace advlens::cli {

namespace {

/// A study's built-in config (resources/studies, embedded in the program), or "" for an unknown name.
std::string builtInConfig(const std::string& name)
{
    QFile file(QStringLiteral(":/studies/%1.json").arg(QString::fromStdString(name)));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

/// Writes the per-item cost log of a split run (item, seconds, rank, parts,
/// title: what bench_scheduling --costs replays) from computeItem's results
/// ("parts seconds rank"); returns the parts computed.
long long writeItemCosts(const std::filesystem::path& file, const std::vector<core::StudyConfig>& items,
                         const std::vector<std::int64_t>& indices, const std::vector<std::string>& results)
{
    std::ostringstream csv;
    csv << "item,seconds,rank,parts,title\n";
    long long parts = 0;
    for (std::size_t k = 0; k < results.size(); ++k) {
        std::istringstream fields(results[k]);
        long long computed = 0;
        std::string seconds, rank;
        fields >> computed >> seconds >> rank;
        parts += computed;
        std::string title = items[static_cast<std::size_t>(indices[k])].title;
        std::string quoted;
        for (char c : title)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        csv << indices[k] << "," << seconds << "," << rank << "," << computed << ",\"" << quoted << "\"\n";
    }
    core::writeFileAtomically(file, csv.str());
    return parts;
}

/// study --shard: the share's work items (item k to share k mod N, as eval
/// --shard deals batches) into the store, and what to do next.
int computeShare(const core::Share& share, const std::vector<core::StudyConfig>& items, const core::StudyStore& store,
                 const std::function<std::string(std::int64_t)>& computeItem,
                 const std::function<void(std::int64_t, std::int64_t)>& progress, const std::string& out)
{
    const std::int64_t mine = std::max<std::int64_t>(0, (items.size() - share.index + share.count - 1) / share.count);
    std::vector<std::int64_t> indices;
    std::vector<std::string> results;
    for (std::int64_t item = share.index; item < std::int64_t(items.size()); item += share.count) {
        indices.push_back(item);
        results.push_back(computeItem(item));
        progress(std::int64_t(results.size()), mine);
    }
    const long long computed =
        writeItemCosts(store.folder() / ("work-items-" + std::to_string(share.index) + "-of-" +
                                         std::to_string(share.count) + ".csv"),
                       items, indices, results);
    std::printf("share %d/%d: %lld of the study's %zu work items, %lld part(s) computed into %s/parts\n", share.index,
                share.count, static_cast<long long>(mine), items.size(), computed, out.c_str());
    std::printf("when every share is done, run the same command without --shard on one folder holding all their "
                "parts/ files: it reuses them and writes results.json\n");
    return 0;
}

int runStudyCommand(const CommandLine& line)
{
    if (line.positional().size() != 1)
        throw UsageError("give one study: " + core::studyNamesText() + ", or a config file (.json)");
    const std::string study = line.positional()[0];
    const std::filesystem::path given = std::filesystem::u8path(study);
    core::StudyConfig config;
    std::error_code ec;
    if (std::filesystem::is_regular_file(given, ec)) {
        config = core::loadStudyConfig(given);
    } else {
        const std::string text = core::findStudy(study) ? builtInConfig(study) : std::string();
        if (text.empty())
            throw UsageError("'" + study + "' is neither a config file nor a built-in study (" +
                             core::studyNamesText() + ")");
        config = core::parseStudyConfig(text, std::filesystem::current_path());
    }
    if (line.has("images"))
        config.images = line.int64Value("images");
    const bool sharded = line.has("shard");
    const core::Share share = sharded ? parseShare(line.value("shard")) : core::Share{};
    if (sharded && ranks().distributed())
        throw UsageError("under mpirun, leave out --shard: the ranks split the study between them");

    std::string out = line.value("out");
    if (out.empty())
        out = "study-" + config.study;
    const c10::Device device = setUpRuntime(line);
    const core::StudyStore store(std::filesystem::u8path(out));
    std::fprintf(stderr, "study %s (%s): %zu models, %lld images, into %s\n", config.study.c_str(),
                 config.title.c_str(), config.models.size(), static_cast<long long>(config.images), out.c_str());

    if (sharded || ranks().distributed()) {
        // The study's work items (core::studyWorkItems) each compute some of
        // its parts into the store; the whole run below then reuses them all.
        const std::vector<core::StudyConfig> items = core::studyWorkItems(config);
        // The folder says what it holds before results.json exists (the Studies view lists what is missing).
        if (ranks().rank == 0)
            core::saveStudyConfig(config, store);
        core::StudyRunOptions itemOptions;
        itemOptions.device = device;
        itemOptions.partsOnly = true;
        // An item's result: the parts it computed, its seconds and its rank,
        // for the per-item cost log bench_scheduling replays.
        const auto computeItem = [&](std::int64_t item) {
            const auto started = std::chrono::steady_clock::now();
            const core::StudyOutcome outcome = core::runStudy(items[static_cast<std::size_t>(item)], store, itemOptions);
            if (outcome.cancelled)
                throw core::Error("a work item of the study stopped early");
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            return std::to_string(outcome.partsComputed) + " " + std::to_string(seconds) + " " +
                   std::to_string(ranks().rank);
        };
        TerminalProgress itemProgress("study items");
        const auto report = [&](std::int64_t done, std::int64_t total) { itemProgress.update(done, total); };
        if (sharded)
            return computeShare(share, items, store, computeItem, report, out);
        if (ranks().rank == 0)
            std::fprintf(stderr, "%d ranks share the study's %zu work items, handed out as each rank finishes one\n",
                         ranks().size, items.size());
        const std::vector<std::string> computed = computeAcrossRanks(static_cast<std::int64_t>(items.size()),
                                                                     computeItem, report);
        if (ranks().rank != 0)
            return 0;
        itemProgress.finish();
        std::vector<std::int64_t> indices(items.size());
        for (std::size_t k = 0; k < items.size(); ++k)
            indices[k] = static_cast<std::int64_t>(k);
        const long long parts = writeItemCosts(store.folder() / "work-items.csv", items, indices, computed);
        std::printf("%d ranks computed %lld part(s); assembling the results (per-item seconds in %s/work-items.csv)\n",
                    ranks().size, parts, out.c_str());
    }

    TerminalProgress progress("study");
    core::StudyRunOptions options;
    options.device = device;
    options.control.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
    // After a split run every part is found finished: no line per part then.
    if (!ranks().distributed())
        options.log = [](const std::string& text) { std::fprintf(stderr, "  %s\n", text.c_str()); };
    const core::StudyOutcome outcome = core::runStudy(config, store, options);
    progress.finish();
    std::printf("parts: %lld computed, %lld reused\n", static_cast<long long>(outcome.partsComputed),
                static_cast<long long>(outcome.partsReused));
    if (outcome.cancelled) {
        std::printf("stopped early; run the same command again to resume\n");
        return 1;
    }
    std::printf("wrote %s\n", outcome.results.u8string().c_str());
    for (const auto& table : outcome.tables)
        std::printf("wrote %s\n", table.u8string().c_str());
    if (line.has("no-report"))
        return 0;
    // Figures are drawn by QCustomPlot widgets that are never shown: no display needed.
    if (std::getenv("QT_QPA_PLATFORM") == nullptr)
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    static int argc = 1;
    static char name[] = "advlens-cli";
    static char* argv[] = {name, nullptr};
    QApplication application(argc, argv);
    ui::StudyResults results;
    QString error;
    if (!ui::loadStudyResults(QString::fromStdString(out), &results, &error))
        throw core::Error(error.toStdString());
    const QStringList files = ui::writeStudyReport(results, &error);
    if (!error.isEmpty())
        throw core::Error(error.toStdString());
    std::printf("wrote %lld figure(s) (PNG and PDF) and %s/report.html\n", static_cast<long long>(files.size() / 2),
                out.c_str());
    return 0;
}

} // namespace

Command studyCommand()
{
    CommandSpec spec;
    spec.name = "study";
    spec.summary = "Run a study of the source papers on several models and write its figures and report. "
                   "Give a built-in name (it runs on the built-in zoo) or a study config file (.json). Finished "
                   "parts are kept in the output folder: an interrupted run resumes where it stopped.";
    spec.configFile = true;
    std::size_t width = 0;
    for (const core::StudyInfo& info : core::studies())
        width = std::max(width, info.name.size());
    spec.details = "Studies:\n";
    for (const core::StudyInfo& info : core::studies())
        spec.details += "  " + info.name + std::string(width + 2 - info.name.size(), ' ') + info.summary + "\n";
    spec.positional = "STUDY|CONFIG.json";
    spec.options = {
        {"out", "DIR", "output folder (default: study-<name>)", ""},
        OptionSpec{"images", "N", "override the config's number of images", ""}.whole(1),
        {"no-report", "", "write results.json and CSV only, no figures or report.html", ""},
        OptionSpec{"shard", "I/N",
                   "compute share I of N (I = 0..N-1) of the study's work items into DIR/parts only; a run "
                   "without --shard on a folder holding every share's parts writes the results (docs/cluster.md)",
                   ""}
            .parsedBy([](const std::string& text) { parseShare(text); }),
    };
    for (const auto& option : commonOptions())
        if (option.name != "seed")
            spec.options.push_back(option);
    spec.examples = "  advlens-cli study robustness --out su-zoo\n"
                    "  advlens-cli study transfer --images 200\n"
                    "  advlens-cli study defences   # after training mlp and lenet with --recipe pgd and deepdefense\n"
                    "  advlens-cli study my-study.json --out my-study\n"
                    "  mpirun -np 8 advlens-cli study robustness --out su-zoo\n";
    return {spec, &runStudyCommand};
}

} // namespace advlens::cli
