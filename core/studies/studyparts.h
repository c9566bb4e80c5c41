#pragma once

// The bookkeeping every study shares: finished parts from the store, new ones
// computed and saved, progress and the log. Included by the studies' .cpp files.

#include "core/studies/studyresults.h"
#include "core/studies/studyrunner.h"
#include "core/studies/studysettings.h"
#include "core/studies/studystore.h"

#include "core/data/datasource.h"
#include "core/model/classifier.h"
#include "core/model/modelloader.h"
#include "core/util/atomicfile.h"

#include <memory>
#include <sstream>
#include <utility>

namespace advlens::core::study {

/// One model of a study and its images, opened only when a part needs them
/// (a resumed study whose parts are all finished opens nothing).
class LazyStudyModel {
public:
    LazyStudyModel(const StudyConfig& config, const StudyModel& model, c10::Device device)
        : m_config(config), m_model(model), m_device(device)
    {
    }
    Classifier& classifier()
    {
        open();
        return *m_classifier;
    }
    const LabelledImages& data()
    {
        open();
        return m_data;
    }

private:
    void open()
    {
        if (m_classifier)
            return;
        m_classifier = loadClassifier(m_model.path, m_device);
        m_data = loadDataSource(m_config.data, m_config.split, m_config.images, m_classifier->metadata());
    }

    const StudyConfig& m_config;
    const StudyModel& m_model;
    c10::Device m_device;
    std::unique_ptr<Classifier> m_classifier;
    LabelledImages m_data;
};

/// One CSV row per point of each curve (robustness reports as JSON, with the
/// study's "model" and "label" added to each).
inline std::string curvesTable(const Json& curves)
{
    std::ostringstream csv;
    csv << "model,attack,norm,axis,epsilon,steps,robust_accuracy,success_rate\n";
    for (const Json& curve : curves)
        for (const Json& point : curve["points"])
            csv << curve["model"].get<std::string>() << "," << curve["label"].get<std::string>() << ","
                << curve["norm"].get<std::string>() << "," << curve["axis"].get<std::string>() << ","
                << point["epsilon"] << "," << point["steps"] << "," << point["robust_accuracy"] << ","
                << point["success_rate"] << "\n";
    return csv.str();
}

class StudyParts {
public:
    StudyParts(const StudyStore& store, const StudyRunOptions& options, std::int64_t total)
        : m_store(store), m_options(options), m_total(total)
    {
        report();
    }

    bool cancelled() const { return m_options.control.cancelled(); }
    const RunControl& control() const { return m_options.control; }
    c10::Device device() const { return m_options.device; }

    /// The part's result: from the store when finished with `fingerprint`,
    /// else compute() (returning Json, or null when cancelled), saved.
    template <typename Compute>
    Json get(const std::string& key, const std::string& fingerprint, const std::string& what, Compute&& compute)
    {
        if (auto saved = m_store.load(key, fingerprint)) {
            ++m_outcome.partsReused;
            log("reused  " + what);
            advance();
            return Json::parse(*saved);
        }
        if (m_options.storedOnly) {
            m_outcome.cancelled = true;
            return Json();
        }
        log("running " + what);
        Json result = std::forward<Compute>(compute)();
        if (result.is_null() || cancelled()) {
            m_outcome.cancelled = true;
            return Json();
        }
        m_store.save(key, fingerprint, result.dump());
        ++m_outcome.partsComputed;
        advance();
        return result;
    }

    void log(const std::string& line) const
    {
        if (m_options.log)
            m_options.log(line);
    }

    StudyOutcome& outcome() { return m_outcome; }

    /// The study's fields every results.json starts with: the models' names
    /// (a study may replace "models"). The header is StudyResults'.
    static Json resultsFields(const StudyConfig& config)
    {
        Json names = Json::array();
        for (const StudyModel& model : config.models)
            names.push_back(model.name);
        Json fields;
        fields["models"] = names;
        return fields;
    }

    /// Writes results.json (the header from `config`, then the study's
    /// `fields`) and the study's CSV tables (file name, text); the outcome names them.
    StudyOutcome finish(const StudyConfig& config, const Json& fields,
                        const std::vector<std::pair<std::string, std::string>>& tables)
    {
        if (m_options.partsOnly)
            return m_outcome;
        StudyResults results;
        results.study = config.study;
        results.title = config.title;
        results.data = config.data;
        results.split = config.split;
        results.images = config.images;
        results.fieldsJson = fields.dump();
        writeStudyResults(m_store.folder(), results);
        StudyOutcome outcome = m_outcome;
        outcome.results = m_store.folder() / "results.json";
        for (const auto& [name, csv] : tables) {
            outcome.tables.push_back(m_store.folder() / name);
            writeFileAtomically(outcome.tables.back(), csv);
        }
        return outcome;
    }

private:
    void advance()
    {
        ++m_done;
        report();
    }
    void report() const
    {
        if (m_options.control.progress)
            m_options.control.progress(m_done, m_total);
    }

    const StudyStore& m_store;
    const StudyRunOptions& m_options;
    std::int64_t m_total = 0;
    std::int64_t m_done = 0;
    StudyOutcome m_outcome;
};

} // namespace advlens::core::study
