#pragma once

#include "core/attacks/attackinfo.h"
#include "core/metrics/robustnessreport.h"

namespace advlens::cli {

/// After eval's table: for an attack that only queries the model, each
/// point's queries and median queries to success; for a query-based attack
/// one line of robust accuracy after 10, 100, 1000, … queries and the budget
/// (CurvePoint::accuracyByQueries); for a composed attack
/// (AutoAttack), each point's stage table: robust accuracy after each stage,
/// its time and queries.
void printQueriesAndStages(const core::RobustnessReport& report, const core::AttackInfo& attack);

} // namespace advlens::cli
