<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>advlens::ui::ClassNames</name>
    <message>
        <source>T-shirt/top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>advlens::ui::ImagePanel</name>
    <message>
        <source>No image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fashion-MNIST test image %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True label: unknown · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True label: %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>advlens::ui::MainWindow</name>
    <message>
        <source>Opening model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdvLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdvLens — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About AdvLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model metadata (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.pgm *.ppm);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About AdvLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;AdvLens %1&lt;/h3&gt;&lt;p&gt;An explorer of adversarial robustness for image classifiers: load a model and images, attack them and watch the predictions change.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch, OpenCV and QCustomPlot.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened model %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model %1 takes %2 × %3 × %4 images, not Fashion-MNIST&apos;s; open an image with File ▸ Open image…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>advlens::ui::MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>advlens::ui::ModelPanel</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean accuracy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript module</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdvLens zoo network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 × %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RGB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % on %2 test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>PGD adversarial (ε = %1, %n step(s))</source>
        <translation>
            <numerusform>PGD adversarial (ε = %1, %n step)</numerusform>
            <numerusform>PGD adversarial (ε = %1, %n steps)</numerusform>
        </translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n epoch(s) on %2</source>
        <translation>
            <numerusform>%1, %n epoch on %2</numerusform>
            <numerusform>%1, %n epochs on %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::ModelWorker</name>
    <message>
        <source>LibTorch error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model produced NaN or infinite outputs for this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is open: the default model &apos;%1&apos; is not trained yet. Run ./setup.sh or advlens-cli train, or use File ▸ Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model takes %1×%2×%3 images, not Fashion-MNIST&apos;s 1×28×28; open an image file instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the test set has no image %1 (it has %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not classify test image %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not classify &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model is open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>advlens::ui::PredictionPanel</name>
    <message>
        <source>Prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction: –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True class unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %) — correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %) — wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True class: %1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True class: %1 (not one of the model&apos;s classes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>advlens::ui::TestSetBrowser</name>
    <message>
        <source>&amp;Test image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index in the Fashion-MNIST test set (0–9999)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous test image (Left, Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next test image (Right, Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A random test image (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>advlens::ui::TopKChart</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability (%)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore the adversarial robustness of image classifiers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model metadata .json to open (default: the last model, else the zoo&apos;s lenet-plain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LibTorch threads; 0 means all cores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute device: cpu, cuda or auto.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>advlens: --threads needs a whole number ≥ 0.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
