#pragma once

// Reading advlens-cli's result files in the CLI tests, to compare two runs
// of one evaluation (timings aside).

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace advlens::test {

inline QByteArray readAll(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A JSON value without its timing fields ("seconds", wherever they are).
inline QJsonValue withoutTimings(const QJsonValue& value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        object.remove("seconds");
        for (auto it = object.begin(); it != object.end(); ++it)
            *it = withoutTimings(*it);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            array[i] = withoutTimings(array[i]);
        return array;
    }
    return value;
}

/// A CSV's rows without the column named "seconds".
inline QList<QByteArray> withoutTimeColumn(const QByteArray& csv)
{
    QList<QByteArray> rows = csv.trimmed().split('\n');
    const int column = rows.isEmpty() ? -1 : int(rows.front().split(',').indexOf("seconds"));
    for (QByteArray& row : rows) {
        QList<QByteArray> fields = row.split(',');
        if (column >= 0 && column < fields.size())
            fields.removeAt(column);
        row = fields.join(',');
    }
    return rows;
}

} // namespace advlens::test
