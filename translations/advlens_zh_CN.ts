<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>advlens::ui::ClassNames</name>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>踝靴</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ImagePanel</name>
    <message>
        <source>No image</source>
        <translation>没有图像</translation>
    </message>
    <message>
        <source>Fashion-MNIST test image %1</source>
        <translation>Fashion-MNIST 测试图像 %1</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>True label: unknown · %1</source>
        <translation>真实标签：未知 · %1</translation>
    </message>
    <message>
        <source>True label: %1 · %2</source>
        <translation>真实标签：%1 · %2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::MainWindow</name>
    <message>
        <source>Opening model…</source>
        <translation>正在打开模型…</translation>
    </message>
    <message>
        <source>AdvLens</source>
        <translation>AdvLens</translation>
    </message>
    <message>
        <source>AdvLens — %1</source>
        <translation>AdvLens — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About AdvLens</source>
        <translation>关于 AdvLens(&amp;A)</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Model metadata (*.json);;All files (*)</source>
        <translation>模型元数据 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.pgm *.ppm);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.pgm *.ppm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>About AdvLens</source>
        <translation>关于 AdvLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AdvLens %1&lt;/h3&gt;&lt;p&gt;An explorer of adversarial robustness for image classifiers: load a model and images, attack them and watch the predictions change.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch, OpenCV and QCustomPlot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AdvLens %1&lt;/h3&gt;&lt;p&gt;图像分类器对抗鲁棒性探索工具：加载模型和图像，对图像发起攻击，观察预测如何变化。&lt;/p&gt;&lt;p&gt;基于 Qt %2、LibTorch、OpenCV 和 QCustomPlot 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Opened model %1.</source>
        <translation>已打开模型 %1。</translation>
    </message>
    <message>
        <source>Model %1 takes %2 × %3 × %4 images, not Fashion-MNIST&apos;s; open an image with File ▸ Open image…</source>
        <translation>模型 %1 的输入是 %2 × %3 × %4 的图像，不是 Fashion-MNIST 的格式；请通过“文件 ▸ 打开图像…”打开一张图像。</translation>
    </message>
</context>
<context>
    <name>advlens::ui::MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ModelPanel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>架构：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>类别数：</translation>
    </message>
    <message>
        <source>Training:</source>
        <translation>训练：</translation>
    </message>
    <message>
        <source>Clean accuracy:</source>
        <translation>干净准确率：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>No model open</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <source>TorchScript module</source>
        <translation>TorchScript 模块</translation>
    </message>
    <message>
        <source>AdvLens zoo network</source>
        <translation>AdvLens 模型库网络</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 (%4)</source>
        <translation>%1 × %2 × %3（%4）</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>%1 % on %2 test images</source>
        <translation>%1 %（%2 张测试图像）</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (%1)</source>
        <translation>GPU（%1）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>标准训练</translation>
    </message>
    <message numerus="yes">
        <source>PGD adversarial (ε = %1, %n step(s))</source>
        <translation>
            <numerusform>PGD 对抗训练（ε = %1，%n 步）</numerusform>
        </translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n epoch(s) on %2</source>
        <translation>
            <numerusform>%1，在 %2 上训练 %n 轮</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::ModelWorker</name>
    <message>
        <source>LibTorch error: %1</source>
        <translation>LibTorch 错误：%1</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>the model produced NaN or infinite outputs for this image</source>
        <translation>模型对这张图像输出了 NaN 或无穷大</translation>
    </message>
    <message>
        <source>No model is open: the default model &apos;%1&apos; is not trained yet. Run ./setup.sh or advlens-cli train, or use File ▸ Open model…</source>
        <translation>未打开模型：默认模型“%1”尚未训练。请运行 ./setup.sh 或 advlens-cli train，或使用“文件 ▸ 打开模型…”。</translation>
    </message>
    <message>
        <source>Could not open the model: %1</source>
        <translation>无法打开模型：%1</translation>
    </message>
    <message>
        <source>the model takes %1×%2×%3 images, not Fashion-MNIST&apos;s 1×28×28; open an image file instead</source>
        <translation>该模型的输入是 %1×%2×%3 的图像，而不是 Fashion-MNIST 的 1×28×28；请改为打开图像文件</translation>
    </message>
    <message>
        <source>the test set has no image %1 (it has %2)</source>
        <translation>测试集中没有第 %1 张图像（共 %2 张）</translation>
    </message>
    <message>
        <source>Could not classify test image %1: %2</source>
        <translation>无法分类测试图像 %1：%2</translation>
    </message>
    <message>
        <source>Could not classify &apos;%1&apos;: %2</source>
        <translation>无法分类“%1”：%2</translation>
    </message>
    <message>
        <source>no model is open</source>
        <translation>未打开模型</translation>
    </message>
</context>
<context>
    <name>advlens::ui::PredictionPanel</name>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>Top 5</source>
        <translation>前 5 名</translation>
    </message>
    <message>
        <source>Top 10</source>
        <translation>前 10 名</translation>
    </message>
    <message>
        <source>Prediction: –</source>
        <translation>预测：–</translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %)</source>
        <translation>预测：%1（%2 %）</translation>
    </message>
    <message>
        <source>True class unknown.</source>
        <translation>真实类别未知。</translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %) — correct</source>
        <translation>预测：%1（%2 %）— 正确</translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %) — wrong</source>
        <translation>预测：%1（%2 %）— 错误</translation>
    </message>
    <message>
        <source>True class: %1 (%2 %)</source>
        <translation>真实类别：%1（%2 %）</translation>
    </message>
    <message>
        <source>True class: %1 (not one of the model&apos;s classes)</source>
        <translation>真实类别：%1（不在模型的类别中）</translation>
    </message>
</context>
<context>
    <name>advlens::ui::TestSetBrowser</name>
    <message>
        <source>&amp;Test image:</source>
        <translation>测试图像(&amp;T)：</translation>
    </message>
    <message>
        <source>Index in the Fashion-MNIST test set (0–9999)</source>
        <translation>Fashion-MNIST 测试集中的序号（0–9999）</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <source>Previous test image (Left, Page Up)</source>
        <translation>上一张测试图像（左方向键、Page Up）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <source>Next test image (Right, Page Down)</source>
        <translation>下一张测试图像（右方向键、Page Down）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>A random test image (Ctrl+R)</source>
        <translation>随机一张测试图像（Ctrl+R）</translation>
    </message>
</context>
<context>
    <name>advlens::ui::TopKChart</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Probability (%)</source>
        <translation>概率（%）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore the adversarial robustness of image classifiers.</source>
        <translation>探索图像分类器的对抗鲁棒性。</translation>
    </message>
    <message>
        <source>Model metadata .json to open (default: the last model, else the zoo&apos;s lenet-plain).</source>
        <translation>要打开的模型元数据 .json（默认：上次使用的模型，否则为模型库中的 lenet-plain）。</translation>
    </message>
    <message>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>LibTorch threads; 0 means all cores.</source>
        <translation>LibTorch 线程数；0 表示使用全部核心。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Compute device: cpu, cuda or auto.</source>
        <translation>计算设备：cpu、cuda 或 auto。</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>advlens: --threads needs a whole number ≥ 0.
</source>
        <translation>advlens：--threads 需要一个 ≥ 0 的整数。
</translation>
    </message>
</context>
</TS>
