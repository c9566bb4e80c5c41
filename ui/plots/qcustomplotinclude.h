#pragma once

// The one way to include QCustomPlot. Our targets build with QT_NO_KEYWORDS
// (Qt's `slots` clashes with LibTorch), but qcustomplot.h declares its
// signals with `signals:` and loops with `foreach`; map them for this header only.
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef foreach
#undef signals
