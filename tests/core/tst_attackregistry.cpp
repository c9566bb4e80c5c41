#include "tests/support/testsupport.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackregistry.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include <cmath>
#include <set>

using namespace advlens;

namespace {

constexpr std::int64_t kImages = 64;

/// "ℓ∞, ℓ2" → {Linf, L2}; an unknown symbol becomes a failure message.
std::set<core::Norm> normsOf(const QString& cell, QString* error)
{
    std::set<core::Norm> norms;
    for (const QString& part : cell.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString symbol = part.trimmed();
        if (symbol == QStringLiteral("ℓ∞"))
            norms.insert(core::Norm::Linf);
        else if (symbol == QStringLiteral("ℓ2"))
            norms.insert(core::Norm::L2);
        else if (symbol == QStringLiteral("ℓ1"))
            norms.insert(core::Norm::L1);
        else
            *error = QStringLiteral("unknown norm '%1'").arg(symbol);
    }
    return norms;
}

std::set<core::Norm> asSet(const std::vector<core::Norm>& norms)
{
    return {norms.begin(), norms.end()};
}

/// One row of the README's attack table.
struct ReadmeRow {
    QStringList names;
    QString norms;
    QString kind;
};

/// The rows of the table under "## Attacks": | `a`, `b` | norms | kind | what |.
QList<ReadmeRow> readmeAttackTable()
{
    QFile file(QString::fromStdString((test::resourcesDirectory().parent_path() / "README.md").string()));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    const qsizetype heading = lines.indexOf(QStringLiteral("## Attacks"));
    QList<ReadmeRow> rows;
    static const QRegularExpression name(QStringLiteral("`([^`]+)`"));
    for (qsizetype i = heading + 1; heading >= 0 && i < lines.size(); ++i) {
        if (lines[i].startsWith(QLatin1String("##")))
            break;
        if (!lines[i].startsWith(QLatin1String("| `")))
            continue;
        const QStringList cells = lines[i].split(QLatin1Char('|'));
        if (cells.size() < 5)
            continue;
        ReadmeRow row{{}, cells[2].trimmed(), cells[3].trimmed()};
        for (auto match = name.globalMatch(cells[1]); match.hasNext();)
            row.names << match.next().captured(1);
        rows << row;
    }
    return rows;
}

} // namespace

class TestAttackRegistry : public QObject {
    Q_OBJECT

    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;

    static void everyAttack()
    {
        QTest::addColumn<QString>("attack");
        for (const core::AttackInfo& info : core::availableAttacks())
            QTest::newRow(info.name.c_str()) << QString::fromStdString(info.name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!core::availableAttacks().empty());
        QCOMPARE(core::defaultAttack().name, core::availableAttacks().front().name);
    }

    void readmeTableMatchesTheRegistry()
    {
        const QList<ReadmeRow> rows = readmeAttackTable();
        QVERIFY2(!rows.isEmpty(), "README.md has no attack table under '## Attacks'");
        std::set<std::string> listed;
        for (const ReadmeRow& row : rows) {
            for (const QString& name : row.names) {
                const std::string id = name.toStdString();
                QVERIFY2(listed.insert(id).second, qPrintable(name + " is listed twice"));
                const core::AttackInfo* info = nullptr;
                for (const core::AttackInfo& candidate : core::availableAttacks())
                    if (candidate.name == id)
                        info = &candidate;
                QVERIFY2(info, qPrintable(name + " is in the README but not registered"));
                QString error;
                QVERIFY2(normsOf(row.norms, &error) == asSet(info->norms),
                         qPrintable(name + ": README norms '" + row.norms + "' " + error));
                QString kind = info->minimal ? QStringLiteral("minimal (") : QStringLiteral("budgeted");
                if (info->minimal) {
                    const qsizetype close = row.kind.indexOf(QLatin1Char(')'));
                    const QString minimised = row.kind.mid(kind.size(), close - kind.size());
                    QVERIFY2(row.kind.startsWith(kind) && normsOf(minimised, &error) == asSet(info->minimisedNorms),
                             qPrintable(name + ": README kind '" + row.kind + "' " + error));
                } else {
                    QVERIFY2(row.kind.startsWith(kind), qPrintable(name + ": README kind '" + row.kind + "'"));
                }
                const QString access = info->needsGradients ? QStringLiteral(", gradients")
                                       : info->labelOnly    ? QStringLiteral(", label only")
                                                            : QStringLiteral(", queries only");
                QVERIFY2(row.kind.endsWith(access), qPrintable(name + ": README kind '" + row.kind + "'"));
            }
        }
        for (const core::AttackInfo& info : core::availableAttacks())
            QVERIFY2(listed.count(info.name), qPrintable(QString::fromStdString(info.name) + " is not in the README"));
    }

    void descriptionsAreUsable_data() { everyAttack(); }
    void descriptionsAreUsable()
    {
        QFETCH(QString, attack);
        const core::AttackInfo& info = core::attackInfo(attack.toStdString());
        QCOMPARE(core::createAttack(info.name)->name(), info.name);
        QVERIFY(info.minimal == core::isMinimalPerturbationAttack(info.name));
        std::set<std::string> keys;
        for (const core::AttackParameter& parameter : info.parameters) {
            QVERIFY2(keys.insert(parameter.key).second, parameter.key.c_str());
            QVERIFY(!parameter.help.empty());
            core::AttackConfig config;
            config.norm = info.norms.front();
            // The default, and both ends of the range, pass validation; just outside does not.
            for (double value : {parameter.defaultValue.value_or(parameter.low), parameter.low, parameter.high}) {
                config.extra = {{parameter.key, value}};
                core::validateAttackConfig(info, config);
            }
            if (std::isfinite(parameter.high * 2)) {
                config.extra = {{parameter.key, parameter.high * 2 + 1}};
                QVERIFY_THROWS_EXCEPTION(core::Error, core::validateAttackConfig(info, config));
            }
        }
        core::AttackConfig unknown;
        unknown.norm = info.norms.front();
        unknown.extra = {{"no_such_setting", 1.0}};
        QVERIFY_THROWS_EXCEPTION(core::Error, core::validateAttackConfig(info, unknown));
        for (core::Norm norm : {core::Norm::Linf, core::Norm::L2, core::Norm::L1}) {
            core::AttackConfig config;
            config.norm = norm;
            if (info.supports(norm))
                core::validateAttackConfig(info, config);
            else
                QVERIFY_THROWS_EXCEPTION(core::Error, core::validateAttackConfig(info, config));
        }
    }

    void fastSweepsGiveWhatRunGives_data()
    {
        QTest::addColumn<QString>("attack");
        for (const core::AttackInfo& info : core::availableAttacks())
            if (info.makeSweep)
                for (core::Norm norm : info.norms)
                    QTest::addRow("%s %s", info.name.c_str(), core::toString(norm).c_str())
                        << QString::fromStdString(info.name + " " + core::toString(norm));
    }
    void fastSweepsGiveWhatRunGives()
    {
        QFETCH(QString, attack);
        if (!m_model) {
            m_model = test::tinyTrainedModel();
            m_data = test::fashionMnist(false, kImages);
        }
        const QStringList parts = attack.split(QLatin1Char(' '));
        const core::AttackInfo& info = core::attackInfo(parts[0].toStdString());
        core::AttackConfig config;
        config.norm = core::parseNorm(parts[1].toStdString());
        const core::AttackInput input{m_data.images, m_data.labels, {}, {}};
        const auto sweep = info.makeSweep(*m_model, core::prepareAttackInput(*m_model, input, config), config);
        const double unit = config.norm == core::Norm::Linf ? 0.05 : config.norm == core::Norm::L2 ? 1.0 : 10.0;
        for (double scale : {0.0, 1.0, 3.0}) {
            config.epsilon = unit * scale;
            const core::AttackResult swept = sweep->at(config.epsilon);
            const core::AttackResult ran = info.create()->run(*m_model, input, config);
            QVERIFY2(swept.adversarial.equal(ran.adversarial), qPrintable(QString("eps %1").arg(config.epsilon)));
            QVERIFY(swept.success.equal(ran.success));
        }
    }
};

QTEST_GUILESS_MAIN(TestAttackRegistry)
#include "tst_attackregistry.moc"
