#include "ui/plots/palette.h"

#include <iterator>

namespace advlens::ui {

namespace {

const QColor kColours[] = {{0, 114, 178}, {213, 94, 0}, {0, 158, 115}, {204, 121, 167}, {230, 159, 0}, {86, 180, 233}};
const QCPScatterStyle::ScatterShape kShapes[] = {QCPScatterStyle::ssCircle,           QCPScatterStyle::ssSquare,
                                                 QCPScatterStyle::ssTriangle,         QCPScatterStyle::ssDiamond,
                                                 QCPScatterStyle::ssTriangleInverted, QCPScatterStyle::ssCrossSquare,
                                                 QCPScatterStyle::ssPlusCircle};

} // namespace

int paletteColourCount()
{
    return static_cast<int>(std::size(kColours));
}

QColor paletteColour(int index)
{
    return kColours[index % paletteColourCount()];
}

QCPScatterStyle::ScatterShape paletteShape(int index)
{
    return kShapes[index % static_cast<int>(std::size(kShapes))];
}

} // namespace advlens::ui
