#include "ui/imaging/pixelimage.h"

#include <cmath>

namespace advlens::ui {

namespace {

uchar toByte(float value)
{
    if (!(value > 0.0F)) // also catches NaN
        return 0;
    if (value >= 1.0F)
        return 255;
    return static_cast<uchar>(std::lround(value * 255.0F));
}

} // namespace

QImage toQImage(const PixelBuffer& buffer)
{
    const bool grey = buffer.channels == 1;
    const auto expected = static_cast<std::size_t>(buffer.channels) * buffer.height * buffer.width;
    if (buffer.isEmpty() || (!grey && buffer.channels != 3) || buffer.values.size() != expected)
        return {};
    QImage image(buffer.width, buffer.height, grey ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    for (int y = 0; y < buffer.height; ++y) {
        uchar* line = image.scanLine(y); // rows are padded to 4 bytes: index per row
        for (int x = 0; x < buffer.width; ++x) {
            for (int c = 0; c < buffer.channels; ++c)
                line[x * buffer.channels + c] = toByte(buffer.at(c, y, x));
        }
    }
    return image;
}

} // namespace advlens::ui
