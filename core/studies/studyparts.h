#pragma once

// The bookkeeping every study shares: finished parts from the store, new ones
// computed and saved, progress and the log. Included by the studies' .cpp files.

#include "studyrunner.h"
#include "studysettings.h"
#include "studystore.h"

#include <utility>

namespace advlens::core::study {

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
