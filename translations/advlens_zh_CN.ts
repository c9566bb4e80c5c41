<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PixelReadout</name>
    <message>
        <source>%1, %2 — original %3</source>
        <translation>%1, %2 — 原始 %3</translation>
    </message>
    <message>
        <source>%1, %2 — original %3 → adversarial %4 (δ %5)</source>
        <translation>%1, %2 — 原始 %3 → 对抗 %4（δ %5）</translation>
    </message>
    <message>
        <source>ℓ∞ = %1 (%2/255) · ℓ₂ = %3</source>
        <translation>ℓ∞ = %1（%2/255）· ℓ₂ = %3</translation>
    </message>
</context>
<context>
    <name>StudyFigureText</name>
    <message>
        <source>%1, targeted (top-5 match rate)</source>
        <translation>%1，定向（top-5 匹配率）</translation>
    </message>
    <message>
        <source>%1, untargeted (success rate)</source>
        <translation>%1，无目标（成功率）</translation>
    </message>
    <message>
        <source>Accuracy vs %1 budget</source>
        <translation>准确率随 %1 预算变化</translation>
    </message>
    <message>
        <source>Accuracy vs iterations (%1)</source>
        <translation>准确率随迭代次数变化（%1）</translation>
    </message>
    <message>
        <source>%1 has no results.json: the study has not finished there</source>
        <translation>%1 中没有 results.json：该处的实验尚未完成</translation>
    </message>
    <message>
        <source>%1 is not a study&apos;s results (%2)</source>
        <translation>%1 不是实验结果（%2）</translation>
    </message>
    <message>
        <source>%1 was written by a newer AdvLens (results schema version %2; this one reads up to %3): open it with a newer AdvLens</source>
        <translation>%1 由更新版本的 AdvLens 写入（结果格式版本 %2，本版本最多读取 %3）：请用更新版本的 AdvLens 打开</translation>
    </message>
    <message>
        <source>unreadable JSON</source>
        <translation>无法读取的 JSON</translation>
    </message>
    <message>
        <source>Deep Defense table</source>
        <translation>Deep Defense 结果表</translation>
    </message>
    <message>
        <source>undefended</source>
        <translation>无防御</translation>
    </message>
    <message>
        <source>%1, BPDA</source>
        <translation>%1，BPDA</translation>
    </message>
    <message>
        <source>%1, own gradient</source>
        <translation>%1，自身梯度</translation>
    </message>
    <message>
        <source>%1 vs input transforms (%2)</source>
        <translation>%1 攻击输入变换防御（%2）</translation>
    </message>
    <message>
        <source>Robust accuracy vs queries (Square)</source>
        <translation>鲁棒准确率随查询次数变化（Square）</translation>
    </message>
    <message>
        <source>Robust accuracy vs queries (Square %1 ε = %2)</source>
        <translation>鲁棒准确率随查询次数变化（Square %1 ε = %2）</translation>
    </message>
</context>
<context>
    <name>StudyReportText</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Fits d = a + b·ln(error) and Pareto frontiers</source>
        <translation>拟合 d = a + b·ln(错误率) 与帕累托前沿</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>frontier, by error</source>
        <translation>前沿（按错误率排序）</translation>
    </message>
    <message>
        <source>Gradient-masking checks</source>
        <translation>梯度掩蔽检查</translation>
    </message>
    <message>
        <source>model · attack</source>
        <translation>模型 · 攻击</translation>
    </message>
    <message>
        <source>check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>targeted</source>
        <translation>定向</translation>
    </message>
    <message>
        <source>untargeted</source>
        <translation>无目标</translation>
    </message>
    <message>
        <source>source \ target</source>
        <translation>源 \ 目标</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Study &lt;b&gt;%1&lt;/b&gt; on %2 (%3 split), %4 images. Tables as CSV and every number in results.json beside this page.</source>
        <translation>实验 &lt;b&gt;%1&lt;/b&gt;，数据 %2（%3 划分），%4 张图像。CSV 格式的表格和包含全部数值的 results.json 与本页位于同一文件夹。</translation>
    </message>
    <message>
        <source>Written by AdvLens on %1.</source>
        <translation>由 AdvLens 于 %1 生成。</translation>
    </message>
    <message>
        <source>Deep Defense table</source>
        <translation>Deep Defense 结果表</translation>
    </message>
    <message>
        <source>%1: ε_ref = %2, the FGS ε at which %3 falls to 50 % accuracy%4.</source>
        <translation>%1：ε_ref = %2，即 FGS 使 %3 的准确率降至 50 % 时的 ε%4。</translation>
    </message>
    <message>
        <source> (not reached: the search&apos;s upper end)</source>
        <translation>（未达到，取搜索上限）</translation>
    </message>
    <message>
        <source>AutoAttack robust accuracy</source>
        <translation>AutoAttack 鲁棒准确率</translation>
    </message>
    <message>
        <source>AutoAttack robust accuracy (%1 ε = %2)</source>
        <translation>AutoAttack 鲁棒准确率（%1 ε = %2）</translation>
    </message>
    <message>
        <source>Square robust accuracy</source>
        <translation>Square 鲁棒准确率</translation>
    </message>
    <message numerus="yes">
        <source>Square robust accuracy (%n queries)</source>
        <translation>
            <numerusform>Square 鲁棒准确率（%n 次查询）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::AmplificationControl</name>
    <message>
        <source>×%1</source>
        <translation>×%1</translation>
    </message>
    <message>
        <source>Amplify</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Scale the largest |δ| to full colour</source>
        <translation>自动缩放，使最大的 |δ| 显示为最饱和的颜色</translation>
    </message>
    <message>
        <source>Enlarge δ by this factor before colouring it (×1…×100)</source>
        <translation>着色前将 δ 放大此倍数（×1…×100）</translation>
    </message>
</context>
<context>
    <name>advlens::ui::AttackCatalog</name>
    <message>
        <source>FGSM</source>
        <translation>FGSM</translation>
    </message>
    <message>
        <source>PGD</source>
        <translation>PGD</translation>
    </message>
    <message>
        <source>BIM / I-FGSM</source>
        <translation>BIM / I-FGSM</translation>
    </message>
    <message>
        <source>MIM (momentum)</source>
        <translation>MIM（动量）</translation>
    </message>
    <message>
        <source>DeepFool</source>
        <translation>DeepFool</translation>
    </message>
    <message>
        <source>Carlini &amp; Wagner ℓ2</source>
        <translation>Carlini &amp; Wagner ℓ2</translation>
    </message>
    <message>
        <source>EAD (elastic net)</source>
        <translation>EAD（弹性网络）</translation>
    </message>
    <message>
        <source>Uniform noise</source>
        <translation>均匀噪声</translation>
    </message>
    <message>
        <source>Gaussian noise</source>
        <translation>高斯噪声</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>Square</translation>
    </message>
    <message>
        <source>Boundary attack</source>
        <translation>边界攻击（Boundary）</translation>
    </message>
    <message>
        <source>AutoAttack (rand)</source>
        <translation>AutoAttack（随机模型版）</translation>
    </message>
</context>
<context>
    <name>advlens::ui::AttackPanel</name>
    <message>
        <source>Attack</source>
        <translation>攻击</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Norm:</source>
        <translation>范数(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Budget ε:</source>
        <translation>预算 ε(&amp;B)：</translation>
    </message>
    <message>
        <source>Perturbation budget in pixel units of [0, 1] images</source>
        <translation>扰动预算，以 [0, 1] 图像的像素单位计</translation>
    </message>
    <message>
        <source>No budget: find the smallest perturbation</source>
        <translation>无预算：寻找最小的扰动</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>步数(&amp;S)：</translation>
    </message>
    <message>
        <source>Step si&amp;ze:</source>
        <translation>步长(&amp;Z)：</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>α per iteration; “default” lets the attack choose (2.5·ε/steps for PGD)</source>
        <translation>每次迭代的 α；“默认”表示由攻击自行选择（PGD 为 2.5·ε/步数）</translation>
    </message>
    <message>
        <source>&amp;Targeted:</source>
        <translation>定向(&amp;T)：</translation>
    </message>
    <message>
        <source>The class the attack should make the model predict</source>
        <translation>攻击要让模型预测出的类别</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>实时(&amp;L)</translation>
    </message>
    <message>
        <source>Attack again whenever a setting changes</source>
        <translation>任一设置改变时都重新攻击</translation>
    </message>
    <message>
        <source>&amp;Attack</source>
        <translation>攻击(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running attack (Esc)</source>
        <translation>停止正在运行的攻击（Esc）</translation>
    </message>
    <message>
        <source>= %1/255 per pixel</source>
        <translation>= 每像素 %1/255</translation>
    </message>
    <message>
        <source>%1 size of the whole perturbation</source>
        <translation>整个扰动的 %1 范数</translation>
    </message>
    <message>
        <source>Run the attack (Ctrl+Return or F5)</source>
        <translation>运行攻击（Ctrl+Return 或 F5）</translation>
    </message>
    <message>
        <source>Needs input gradients, which this model has not: %1</source>
        <translation>需要输入梯度，而该模型没有：%1</translation>
    </message>
    <message>
        <source>Needs input gradients; the attacker sees only the scores</source>
        <translation>需要输入梯度；攻击者只能看到分数</translation>
    </message>
    <message>
        <source>Needs input gradients; the attacker sees only the predicted class</source>
        <translation>需要输入梯度；攻击者只能看到预测类别</translation>
    </message>
    <message>
        <source>Queries used: %1 of %2</source>
        <translation>已用查询：%1 / %2</translation>
    </message>
    <message>
        <source>Attacker &amp;sees:</source>
        <translation>攻击者可见(&amp;S)：</translation>
    </message>
    <message>
        <source>Everything (white box)</source>
        <translation>全部（白盒）</translation>
    </message>
    <message>
        <source>Scores only (black box)</source>
        <translation>仅分数（黑盒）</translation>
    </message>
    <message>
        <source>Predicted class only (decision)</source>
        <translation>仅预测类别（决策）</translation>
    </message>
    <message>
        <source>What the attack may see of the model: its gradients, only its output scores, or only its top-1 decision. The images shown always use the model&apos;s own output.</source>
        <translation>攻击能看到模型的哪些信息：梯度、仅输出分数，或仅 top-1 决策。显示的图像始终使用模型自身的输出。</translation>
    </message>
    <message>
        <source>&amp;Queries:</source>
        <translation>查询次数(&amp;Q)：</translation>
    </message>
    <message>
        <source>Query budget per image: the model evaluations a black-box attack may spend</source>
        <translation>每张图像的查询预算：黑盒攻击可使用的模型评估次数</translation>
    </message>
</context>
<context>
    <name>advlens::ui::AttackSession</name>
    <message>
        <source>open an image first</source>
        <translation>请先打开一张图像</translation>
    </message>
    <message>
        <source>choose a target class</source>
        <translation>请选择目标类别</translation>
    </message>
    <message>
        <source>only minimal-perturbation attacks can run without a budget</source>
        <translation>只有最小扰动攻击可以在无预算的情况下运行</translation>
    </message>
</context>
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
    <name>advlens::ui::ColorLegend</name>
    <message>
        <source>Blue: δ ≤ %1 · white: δ = 0 · red: δ ≥ %2</source>
        <translation>蓝：δ ≤ %1 · 白：δ = 0 · 红：δ ≥ %2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ConfusionModel</name>
    <message>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Share of the class&apos;s images the model classifies correctly</source>
        <translation>该类图像中被模型正确分类的比例</translation>
    </message>
    <message>
        <source>Correctly classified images the last attack fooled, of those it ran on</source>
        <translation>上一次攻击所作用的正确分类图像中被欺骗的数量</translation>
    </message>
    <message>
        <source>The wrong predictions for the class&apos;s images, most frequent first, with counts</source>
        <translation>该类图像的错误预测及次数，最常见的在前</translation>
    </message>
    <message>
        <source>The predictions for the class&apos;s images, most frequent first, with counts</source>
        <translation>该类图像的预测及次数，最常见的在前</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Fooled</source>
        <translation>被欺骗</translation>
    </message>
    <message>
        <source>Mistaken for</source>
        <translation>被误判为</translation>
    </message>
    <message>
        <source>Predicted as</source>
        <translation>被预测为</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ConfusionPanel</name>
    <message>
        <source>Confusion by true class</source>
        <translation>按真实类别的混淆情况</translation>
    </message>
    <message>
        <source>Click a class to show only its images; click it again to show all.</source>
        <translation>点击某个类别只显示其图像；再次点击显示全部。</translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurveDataSource</name>
    <message>
        <source>Folder of labelled images</source>
        <translation>带标签的图像文件夹</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>The labelled images the curve runs on: the Fashion-MNIST test set, or a folder with one sub-folder per class (named by class name, WordNet id or index)</source>
        <translation>计算曲线所用的带标签图像：Fashion-MNIST 测试集，或每个类别一个子文件夹的文件夹（以类别名称、WordNet ID 或序号命名）</translation>
    </message>
    <message>
        <source>Choose a folder of labelled images…</source>
        <translation>选择带标签的图像文件夹…</translation>
    </message>
    <message>
        <source>The labelled images the curve runs on: a folder with one sub-folder per class (named by class name, WordNet id or index)</source>
        <translation>计算曲线所用的带标签图像：每个类别一个子文件夹的文件夹（以类别名称、WordNet ID 或序号命名）</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurvePanel</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Computing “%1”… (earlier curves had another x axis and were cleared)</source>
        <translation>正在计算“%1”…（之前的曲线横轴不同，已被清除）</translation>
    </message>
    <message>
        <source>Computing “%1”…</source>
        <translation>正在计算“%1”…</translation>
    </message>
    <message>
        <source>ε = %1</source>
        <translation>ε = %1</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n 步</numerusform>
        </translation>
    </message>
    <message>
        <source>Point %1 of %2: %3, accuracy %4 %</source>
        <translation>第 %1 个点（共 %2 个）：%3，准确率 %4 %</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n point(s).</source>
        <translation>
            <numerusform>已取消，已完成 %n 个点。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n point(s).</source>
        <translation>
            <numerusform>已完成：共 %n 个点。</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Possible gradient masking:</source>
        <translation>可能存在梯度掩蔽：</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export robustness curves</source>
        <translation>导出鲁棒性曲线</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>This model</source>
        <translation>该模型</translation>
    </message>
    <message>
        <source>%1 takes %2 × %3 × %4 images, and Fashion-MNIST&apos;s are 1 × 28 × 28: the curve runs on a folder of labelled images, one sub-folder per class. Choose one under “Data” with “…”.</source>
        <translation>%1 接受 %2 × %3 × %4 的图像，而 Fashion-MNIST 的图像是 1 × 28 × 28：曲线只能在带标签的图像文件夹上计算，每个类别一个子文件夹。请在“数据”中用“…”选择一个。</translation>
    </message>
    <message numerus="yes">
        <source>After %n queries: accuracy %1 %</source>
        <translation>
            <numerusform>%n 次查询后：准确率 %1 %</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurveRequest</name>
    <message>
        <source>targeted</source>
        <translation>定向</translation>
    </message>
    <message numerus="yes">
        <source>%n queries</source>
        <translation>
            <numerusform>%n 次查询</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurveRunForm</name>
    <message>
        <source>No attack to run: load a model first.</source>
        <translation>没有可运行的攻击：请先加载模型。</translation>
    </message>
    <message>
        <source>“To” must be larger than “From”.</source>
        <translation>“终点”必须大于“起点”。</translation>
    </message>
    <message>
        <source>Use 2 to 50 points.</source>
        <translation>请使用 2 到 50 个点。</translation>
    </message>
    <message>
        <source>ε must be larger than 0.</source>
        <translation>ε 必须大于 0。</translation>
    </message>
    <message>
        <source>Steps must be whole numbers from 1 up, separated by commas, e.g. 1,2,5,10,20,50.</source>
        <translation>步数必须是不小于 1 的整数，以逗号分隔，例如 1,2,5,10,20,50。</translation>
    </message>
    <message>
        <source>At most 50 step counts.</source>
        <translation>最多 50 个步数。</translation>
    </message>
    <message>
        <source>&amp;Attack:</source>
        <translation>攻击(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Norm:</source>
        <translation>范数(&amp;N)：</translation>
    </message>
    <message>
        <source>A&amp;xis:</source>
        <translation>横轴(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>起点(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>终点(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Points:</source>
        <translation>点数(&amp;P)：</translation>
    </message>
    <message>
        <source>Iterati&amp;ons:</source>
        <translation>迭代次数(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;ε:</source>
        <translation>&amp;ε：</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>步数(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Images:</source>
        <translation>图像数(&amp;I)：</translation>
    </message>
    <message>
        <source>Accuracy vs ε</source>
        <translation>准确率随 ε 变化</translation>
    </message>
    <message>
        <source>Accuracy vs iterations</source>
        <translation>准确率随迭代次数变化</translation>
    </message>
    <message>
        <source>Iterations of iterative attacks at every ε</source>
        <translation>每个 ε 下迭代攻击的迭代次数</translation>
    </message>
    <message>
        <source>Step counts, one point each, e.g. 1,2,5,10,20,50</source>
        <translation>步数列表，每个步数一个点，例如 1,2,5,10,20,50</translation>
    </message>
    <message>
        <source>Tar&amp;geted (random target classes)</source>
        <translation>定向攻击（随机目标类别）(&amp;G)</translation>
    </message>
    <message>
        <source>A point every %1/255 = %2 in pixel units</source>
        <translation>每隔 %1/255（像素单位 %2）取一个点</translation>
    </message>
    <message>
        <source>= %1 in pixel units</source>
        <translation>= 像素单位 %1</translation>
    </message>
    <message>
        <source>A point every %1 (pixel units)</source>
        <translation>每隔 %1 取一个点（像素单位）</translation>
    </message>
    <message>
        <source>In pixel units</source>
        <translation>以像素单位计</translation>
    </message>
    <message>
        <source>&amp;Data:</source>
        <translation>数据(&amp;D)：</translation>
    </message>
    <message>
        <source>The first images of the test set, or images spread evenly over the folder</source>
        <translation>测试集中最前面的若干张图像，或在文件夹中均匀选取的图像</translation>
    </message>
    <message>
        <source>This model gives no input gradients, so no attack here can run: %1</source>
        <translation>该模型不提供输入梯度，因此这里的攻击都无法运行：%1</translation>
    </message>
    <message>
        <source>Choose a folder of labelled images first.</source>
        <translation>请先选择带标签的图像文件夹。</translation>
    </message>
    <message>
        <source>Accuracy vs queries needs a query-based attack, such as Square.</source>
        <translation>准确率随查询次数变化需要基于查询的攻击，例如 Square。</translation>
    </message>
    <message>
        <source>&amp;Queries:</source>
        <translation>查询次数(&amp;Q)：</translation>
    </message>
    <message>
        <source>Accuracy vs queries</source>
        <translation>准确率随查询次数变化</translation>
    </message>
    <message>
        <source>Query-based (black-box) attacks only, such as Square</source>
        <translation>仅限基于查询的（黑盒）攻击，例如 Square</translation>
    </message>
    <message>
        <source>The attack&apos;s query budget per image; the curve shows the accuracy after every count up to it, from one run</source>
        <translation>攻击对每张图像的查询预算；曲线由一次运行得出，显示直到该预算的每个查询次数后的准确率</translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurveWorker</name>
    <message>
        <source>The curve could not be computed: %1</source>
        <translation>无法计算曲线：%1</translation>
    </message>
    <message>
        <source>this model takes %1×%2×%3 images, not Fashion-MNIST&apos;s: choose a folder of labelled images under “Data”</source>
        <translation>该模型接受 %1×%2×%3 的图像，而非 Fashion-MNIST 的图像：请在“数据”中选择带标签的图像文件夹</translation>
    </message>
    <message>
        <source>the sub-folders of %1 are not named after this model&apos;s classes (by name, id or index)</source>
        <translation>%1 的子文件夹不是以该模型的类别命名的（名称、ID 或序号）</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable image(s) in the folder were skipped.</source>
        <translation>
            <numerusform>已跳过文件夹中 %n 张无法读取的图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 does not say after how many queries it fooled each image, so it gives no curve of accuracy vs queries</source>
        <translation>%1 不报告每张图像在多少次查询后被欺骗，因此无法给出准确率随查询次数变化的曲线</translation>
    </message>
    <message>
        <source>%1 is not a query-based attack; accuracy vs queries needs one such as Square</source>
        <translation>%1 不是基于查询的攻击；准确率随查询次数变化需要 Square 这类攻击</translation>
    </message>
</context>
<context>
    <name>advlens::ui::DeepDefenseTable</name>
    <message>
        <source>Reference</source>
        <translation>参考模型</translation>
    </message>
    <message>
        <source>Adv. training (PGD)</source>
        <translation>对抗训练（PGD）</translation>
    </message>
    <message>
        <source>Deep Defense</source>
        <translation>Deep Defense</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>ρ2</source>
        <translation>ρ2</translation>
    </message>
    <message>
        <source>ρ2 ÷ ref.</source>
        <translation>ρ2 ÷ 参考模型</translation>
    </message>
    <message>
        <source>Acc. @ %1 ε_ref</source>
        <translation>准确率 @ %1 ε_ref</translation>
    </message>
    <message>
        <source>%1: ε_ref = %2 (FGS brings %3 to 50 %)</source>
        <translation>%1：ε_ref = %2（FGS 使 %3 的准确率降至 50 %）</translation>
    </message>
    <message>
        <source>%1: ε_ref = %2 (FGS leaves %3 above 50 % even there)</source>
        <translation>%1：ε_ref = %2（即使在此处，FGS 后 %3 的准确率仍高于 50 %）</translation>
    </message>
    <message>
        <source>%1 (%2 pts)</source>
        <translation>%1（%2 个百分点）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deep Defense (Yan et al. 2018) and adversarial training (Madry et al. 2018)&lt;/b&gt; on %1 test images. ρ2 is the mean ‖r‖₂/‖x‖₂ of DeepFool&apos;s perturbation; FGS accuracy is over all images at multiples of ε_ref, the FGS ε that brings each network&apos;s Deep Defense model to 50 %.&lt;br&gt;%2</source>
        <translation>&lt;b&gt;Deep Defense（Yan et al. 2018）与对抗训练（Madry et al. 2018）&lt;/b&gt;，%1 张测试图像。ρ2 为 DeepFool 扰动的平均 ‖r‖₂/‖x‖₂；FGS 准确率基于全部图像，在 ε_ref 的若干倍数处测得，ε_ref 为使各网络的 Deep Defense 模型准确率降至 50 % 的 FGS ε。&lt;br&gt;%2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::Explorer</name>
    <message>
        <source>Opening model…</source>
        <translation>正在打开模型…</translation>
    </message>
    <message>
        <source>AdvLens</source>
        <translation>AdvLens</translation>
    </message>
    <message>
        <source>Opened model %1.</source>
        <translation>已打开模型 %1。</translation>
    </message>
    <message>
        <source>Model %1 takes %2 × %3 × %4 images, not Fashion-MNIST&apos;s; open an image with File ▸ Open image…</source>
        <translation>模型 %1 的输入是 %2 × %3 × %4 的图像，不是 Fashion-MNIST 的格式；请通过“文件 ▸ 打开图像…”打开一张图像。</translation>
    </message>
    <message>
        <source>Saved %1 files: %2</source>
        <translation>已保存 %1 个文件：%2</translation>
    </message>
    <message>
        <source>Computing on %1.</source>
        <translation>正在 %1 上计算。</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryAttackBar</name>
    <message>
        <source>Attack every image:</source>
        <translation>攻击每张图像：</translation>
    </message>
    <message>
        <source>The norm of the budget</source>
        <translation>预算所用的范数</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>Budget: grey levels (k/255) under ℓ∞, pixel units under ℓ2</source>
        <translation>预算：ℓ∞ 下以灰度级（k/255）计，ℓ2 下以像素单位计</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Iterations of iterative attacks</source>
        <translation>迭代攻击的迭代次数</translation>
    </message>
    <message>
        <source>Run attack</source>
        <translation>运行攻击</translation>
    </message>
    <message>
        <source>Attack every classified image (untargeted); then “Fooled by the attack” shows the ones it turned from correct to wrong</source>
        <translation>对每张已分类的图像发起攻击（无目标）；之后“被攻击欺骗”会显示由正确变为错误的图像</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryCsv</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryFilterBar</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 张（共 %2 张）</translation>
    </message>
    <message>
        <source>Only %1  ✕</source>
        <translation>仅 %1  ✕</translation>
    </message>
    <message>
        <source>Misclassified only</source>
        <translation>仅错误分类</translation>
    </message>
    <message>
        <source>Images whose prediction is not their true class</source>
        <translation>预测与真实类别不符的图像</translation>
    </message>
    <message>
        <source>The folder&apos;s classes are not the model&apos;s: correctness is unknown</source>
        <translation>文件夹的类别不是模型的类别：无法判断是否正确</translation>
    </message>
    <message>
        <source>Fooled by the attack</source>
        <translation>被攻击欺骗</translation>
    </message>
    <message>
        <source>Images the last attack run turned from correct to wrong (run one below)</source>
        <translation>上一次攻击使其由正确变为错误的图像（在下方运行攻击）</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Lowest top-1 confidence shown</source>
        <translation>显示的 top-1 置信度下限</translation>
    </message>
    <message>
        <source>Highest top-1 confidence shown</source>
        <translation>显示的 top-1 置信度上限</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>排序依据</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Ascending or descending</source>
        <translation>升序或降序</translation>
    </message>
    <message>
        <source>Show every class again</source>
        <translation>重新显示所有类别</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryImageSource</name>
    <message>
        <source>the Fashion-MNIST test set has 1×28×28 images; this model takes %1×%2×%3</source>
        <translation>Fashion-MNIST 测试集的图像为 1×28×28；该模型接受 %1×%2×%3</translation>
    </message>
    <message>
        <source>Fashion-MNIST test set</source>
        <translation>Fashion-MNIST 测试集</translation>
    </message>
    <message>
        <source>the class sub-folders of %1 hold no images (PNG, JPEG, BMP, TIFF, WebP, PGM, PPM)</source>
        <translation>%1 的类别子文件夹中没有图像（PNG、JPEG、BMP、TIFF、WebP、PGM、PPM）</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryModel</name>
    <message>
        <source>fooled → %1</source>
        <translation>被欺骗 → %1</translation>
    </message>
    <message>
        <source>resisted</source>
        <translation>未被欺骗</translation>
    </message>
    <message>
        <source>already wrong</source>
        <translation>原本已错</translation>
    </message>
    <message>
        <source>Margin: logit of the true class minus the largest other logit (negative when misclassified)</source>
        <translation>间隔：真实类别的 logit 减去其余类别中最大的 logit（错误分类时为负）</translation>
    </message>
    <message>
        <source>Margin: top-1 logit minus the runner-up&apos;s logit (the true classes are not the model&apos;s)</source>
        <translation>间隔：top-1 的 logit 减去第二名的 logit（真实类别不是模型的类别）</translation>
    </message>
    <message>
        <source>True class: %1</source>
        <translation>真实类别：%1</translation>
    </message>
    <message>
        <source>Prediction: %1 (%2)</source>
        <translation>预测：%1（%2）</translation>
    </message>
    <message>
        <source>Top-5: %1</source>
        <translation>Top-5：%1</translation>
    </message>
    <message>
        <source>Margin: %1 · loss: %2</source>
        <translation>间隔：%1 · 损失：%2</translation>
    </message>
    <message>
        <source>Attack: %1</source>
        <translation>攻击：%1</translation>
    </message>
    <message>
        <source>Cross-entropy with respect to the true class (— when the true class is unknown)</source>
        <translation>相对于真实类别的交叉熵（真实类别未知时为 —）</translation>
    </message>
    <message>
        <source>What the last attack run over the gallery did to the image</source>
        <translation>上一次对图库运行的攻击对该图像的影响</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Attack</source>
        <translation>攻击</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GallerySourceBar</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per class (named as the model&apos;s classes, by class index, or anything else), images inside</source>
        <translation>每个类别一个子文件夹（以模型的类别、类别序号或任意名称命名），图像放在其中</translation>
    </message>
    <message>
        <source>Fashion-MNIST test set</source>
        <translation>Fashion-MNIST 测试集</translation>
    </message>
    <message>
        <source>Classify the first test images</source>
        <translation>对测试集中最前面的图像进行分类</translation>
    </message>
    <message>
        <source>first </source>
        <translation>前 </translation>
    </message>
    <message>
        <source>How many test images, from the first</source>
        <translation>从第一张起取多少张测试图像</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n 张无法读取</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (click for all)</source>
        <translation>
            <numerusform>… 另有 %n 个（点击查看全部）</numerusform>
        </translation>
    </message>
    <message>
        <source>Unreadable images</source>
        <translation>无法读取的图像</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and are not in the gallery.</source>
        <translation>
            <numerusform>有 %n 个文件无法读取，未加入图库。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::GallerySummary</name>
    <message>
        <source>top-1 accuracy %1 %</source>
        <translation>top-1 准确率 %1 %</translation>
    </message>
    <message>
        <source>%1 at ε = %2 fooled %3 of %4 correctly classified</source>
        <translation>%1（ε = %2）欺骗了 %4 张正确分类图像中的 %3 张</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryWindow</name>
    <message>
        <source>Model %1 takes %2×%3×%4 images, not Fashion-MNIST&apos;s</source>
        <translation>模型 %1 接受 %2×%3×%4 的图像，而非 Fashion-MNIST 的图像</translation>
    </message>
    <message>
        <source>Open image folder</source>
        <translation>打开图像文件夹</translation>
    </message>
    <message>
        <source>Classify some images first: open a folder or the Fashion-MNIST test set.</source>
        <translation>请先对图像进行分类：打开一个文件夹或 Fashion-MNIST 测试集。</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n image(s) could be read; see “unreadable”.</source>
        <translation>
            <numerusform>%n 张图像都无法读取；请查看“无法读取”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>将表格导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to %1</source>
        <translation>
            <numerusform>已将 %n 行保存到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>misclassified</source>
        <translation>错误分类</translation>
    </message>
    <message>
        <source>fooled by the attack</source>
        <translation>被攻击欺骗</translation>
    </message>
    <message>
        <source>Double-click an image (or press Enter) to open it in the explorer with its saliency map.</source>
        <translation>双击图像（或按回车）即可在探索器中打开它并显示显著性图。</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Saves the table as shown (filters and order applied) as CSV</source>
        <translation>按当前显示（应用筛选和排序后）将表格保存为 CSV</translation>
    </message>
    <message>
        <source>AdvLens — Gallery</source>
        <translation>AdvLens — 图库</translation>
    </message>
    <message>
        <source>Classifying with %1…</source>
        <translation>正在用 %1 分类…</translation>
    </message>
    <message>
        <source>Attacking every image…</source>
        <translation>正在攻击每张图像…</translation>
    </message>
    <message>
        <source>Open a folder of labelled images (one sub-folder per class) or the Fashion-MNIST test set.</source>
        <translation>打开一个带标签的图像文件夹（每个类别一个子文件夹）或 Fashion-MNIST 测试集。</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryWorker</name>
    <message>
        <source>Could not classify the gallery: %1</source>
        <translation>无法对图库进行分类：%1</translation>
    </message>
    <message>
        <source>The attack over the gallery failed: %1</source>
        <translation>对图库的攻击失败：%1</translation>
    </message>
    <message>
        <source>classify some images first</source>
        <translation>请先对图像进行分类</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ImageComparisonView</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Point at a pixel to read its values</source>
        <translation>将鼠标指向某个像素以读取其数值</translation>
    </message>
    <message>
        <source>%1 × %2 pixels, greyscale</source>
        <translation>%1 × %2 像素，灰度</translation>
    </message>
    <message>
        <source>%1 × %2 pixels, RGB</source>
        <translation>%1 × %2 像素，RGB</translation>
    </message>
    <message>
        <source>%1 of %2 pixels changed</source>
        <translation>%2 个像素中有 %1 个被改变</translation>
    </message>
    <message>
        <source>The adversarial image does not match the original in size</source>
        <translation>对抗图像与原始图像的尺寸不一致</translation>
    </message>
    <message>
        <source>δ = adversarial − original appears here after an attack</source>
        <translation>攻击后此处显示 δ = 对抗图像 − 原始图像</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原始图像</translation>
    </message>
    <message>
        <source>Adversarial</source>
        <translation>对抗图像</translation>
    </message>
    <message>
        <source>Perturbation</source>
        <translation>扰动</translation>
    </message>
    <message>
        <source>No image yet: pick a test image or open a file</source>
        <translation>尚无图像：请选择一张测试图像或打开一个文件</translation>
    </message>
    <message>
        <source>Run an attack to see the adversarial image</source>
        <translation>运行攻击以查看对抗图像</translation>
    </message>
    <message>
        <source>δ = adversarial − original, amplified: blue darker, white unchanged, red brighter. In colour images each pixel shows its most changed channel.</source>
        <translation>δ = 对抗图像 − 原始图像（已放大）：蓝色表示变暗，白色表示不变，红色表示变亮。彩色图像中每个像素显示其变化最大的通道。</translation>
    </message>
    <message>
        <source>Saliency overlay</source>
        <translation>显著性图叠加</translation>
    </message>
    <message>
        <source>Opacity of the saliency heat map over the original and adversarial images</source>
        <translation>叠加在原始图像和对抗图像上的显著性热力图的不透明度</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−, mouse wheel)</source>
        <translation>缩小（Ctrl+−、鼠标滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the images to the views (Ctrl+0, double-click)</source>
        <translation>使图像适应视图大小（Ctrl+0、双击）</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+=, mouse wheel); drag to pan</source>
        <translation>放大（Ctrl+=、鼠标滚轮）；拖动以平移</translation>
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
    <name>advlens::ui::IterationTimeline</name>
    <message>
        <source>Iterations:</source>
        <translation>迭代：</translation>
    </message>
    <message>
        <source>Previous stored iterate</source>
        <translation>上一个保存的迭代结果</translation>
    </message>
    <message>
        <source>Next stored iterate</source>
        <translation>下一个保存的迭代结果</translation>
    </message>
    <message>
        <source>Step through the attack&apos;s iterates; the left end is the clean image</source>
        <translation>逐个查看攻击的迭代结果；最左端是干净图像</translation>
    </message>
    <message>
        <source>iteration %1 of %2</source>
        <translation>第 %1 次迭代（共 %2 次）</translation>
    </message>
</context>
<context>
    <name>advlens::ui::MainMenus</name>
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
        <source>&amp;Recent images</source>
        <translation>最近的图像(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Attack</source>
        <translation>攻击(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Run attack</source>
        <translation>运行攻击(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel attack</source>
        <translation>取消攻击(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图像。</translation>
    </message>
    <message>
        <source>Could not keep the pasted image in %1.</source>
        <translation>无法将粘贴的图像保存到 %1。</translation>
    </message>
    <message>
        <source>&amp;Export result…</source>
        <translation>导出结果(&amp;E)…</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Result files (*-figure.png *-result.json)</source>
        <translation>结果文件 (*-figure.png *-result.json)</translation>
    </message>
    <message>
        <source>&amp;Zoo models</source>
        <translation>模型库(&amp;Z)</translation>
    </message>
    <message>
        <source>PGD adversarial training</source>
        <translation>PGD 对抗训练</translation>
    </message>
    <message>
        <source>plain training</source>
        <translation>标准训练</translation>
    </message>
    <message>
        <source>%1 % clean accuracy</source>
        <translation>干净准确率 %1 %</translation>
    </message>
    <message>
        <source>accuracy not measured</source>
        <translation>准确率未测量</translation>
    </message>
    <message>
        <source>No zoo models: run ./setup.sh or advlens-cli train</source>
        <translation>模型库中没有模型：请运行 ./setup.sh 或 advlens-cli train</translation>
    </message>
    <message>
        <source>Compute &amp;device</source>
        <translation>计算设备(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;CPU</source>
        <translation>CPU(&amp;C)</translation>
    </message>
    <message>
        <source>CUDA &amp;GPU</source>
        <translation>CUDA GPU(&amp;G)</translation>
    </message>
    <message>
        <source>Needs a LibTorch built with CUDA and a GPU (see README, GPU)</source>
        <translation>需要支持 CUDA 的 LibTorch 和一块 GPU（见 README 的 GPU 一节）</translation>
    </message>
    <message>
        <source>&amp;Sample photos</source>
        <translation>示例照片(&amp;S)</translation>
    </message>
    <message>
        <source>Open image &amp;folder…</source>
        <translation>打开图像文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Classify a folder of labelled images (one sub-folder per class) in the gallery</source>
        <translation>在图库中对带标签的图像文件夹（每个类别一个子文件夹）进行分类</translation>
    </message>
    <message>
        <source>&amp;Gallery</source>
        <translation>图库(&amp;G)</translation>
    </message>
    <message>
        <source>No sample photos in this build</source>
        <translation>此版本中没有示例照片</translation>
    </message>
    <message>
        <source>Photo credits…</source>
        <translation>照片来源…</translation>
    </message>
    <message>
        <source>Sample photos</source>
        <translation>示例照片</translation>
    </message>
    <message>
        <source>&amp;Studies</source>
        <translation>实验(&amp;S)</translation>
    </message>
    <message>
        <source>Run and view the papers&apos; studies: accuracy vs robustness, transferability, robustness curves, defences</source>
        <translation>运行并查看论文中的实验：准确率与鲁棒性、可迁移性、鲁棒性曲线、防御</translation>
    </message>
</context>
<context>
    <name>advlens::ui::MainWindow</name>
    <message>
        <source>AdvLens</source>
        <translation>AdvLens</translation>
    </message>
    <message>
        <source>AdvLens — %1</source>
        <translation>AdvLens — %1</translation>
    </message>
</context>
<context>
    <name>advlens::ui::MaskingChecksList</name>
    <message>
        <source>Gradient-masking checks</source>
        <translation>梯度掩蔽检查</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>A defence that only hides its gradient fails these: unbounded attacks that do not reach 100 %, iterative attacks weaker than one step, noise stronger than gradients</source>
        <translation>仅隐藏梯度的防御无法通过以下检查：无约束攻击达不到 100 %、迭代攻击弱于单步攻击、噪声强于梯度</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>all passed</source>
        <translation>全部通过</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 项未通过</numerusform>
        </translation>
    </message>
    <message>
        <source>Unbounded PGD: accuracy ≈ 0</source>
        <translation>无约束 PGD：准确率约为 0</translation>
    </message>
    <message>
        <source>FGSM not above clean accuracy</source>
        <translation>FGSM 不高于干净准确率</translation>
    </message>
    <message>
        <source>PGD-20 not weaker than FGSM</source>
        <translation>PGD-20 不弱于 FGSM</translation>
    </message>
    <message>
        <source>Noise not stronger than PGD-20</source>
        <translation>噪声不强于 PGD-20</translation>
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
            <numerusform>%1，在 %2 上训练 %n&#xa0;轮</numerusform>
        </translation>
    </message>
    <message>
        <source>Gradients:</source>
        <translation>梯度：</translation>
    </message>
    <message>
        <source>none: gradient attacks and saliency are off</source>
        <translation>无：基于梯度的攻击和显著性图已关闭</translation>
    </message>
    <message>
        <source>The model has no input gradient: %1.</source>
        <translation>该模型没有输入梯度：%1。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>yes, from the module as loaded</source>
        <translation>有，来自按原样加载的模块</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ModelPrecheck</name>
    <message>
        <source>opening it took longer than %1 s in a separate process, so it is not opened here</source>
        <translation>在独立进程中打开它耗时超过 %1 秒，因此不在此处打开</translation>
    </message>
    <message>
        <source>LibTorch&apos;s loader crashed on it in a separate process, so it is not opened here (a model file is code: open only files you trust)</source>
        <translation>LibTorch 的加载器在独立进程中打开它时崩溃，因此不在此处打开（模型文件就是代码：只打开可信的文件）</translation>
    </message>
    <message>
        <source>it failed to open in a separate process (exit code %1)</source>
        <translation>在独立进程中打开失败（退出码 %1）</translation>
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
    <message>
        <source>open an image first</source>
        <translation>请先打开一张图像</translation>
    </message>
    <message>
        <source>No saliency map: %1</source>
        <translation>无法生成显著性图：%1</translation>
    </message>
    <message>
        <source>The attack failed: %1</source>
        <translation>攻击失败：%1</translation>
    </message>
    <message>
        <source>run an attack first</source>
        <translation>请先运行一次攻击</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Could not use device %1: %2</source>
        <translation>无法使用设备 %1：%2</translation>
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
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>Fooled, target reached: %1 → %2</source>
        <translation>被欺骗，已达到目标：%1 → %2</translation>
    </message>
    <message>
        <source>Fooled: %1 → %2</source>
        <translation>被欺骗：%1 → %2</translation>
    </message>
    <message>
        <source>Fooled, but not into the target: %1 → %2</source>
        <translation>被欺骗，但未达到目标：%1 → %2</translation>
    </message>
    <message>
        <source>Not fooled: still %1 (%2 % → %3 %)</source>
        <translation>未被欺骗：仍为 %1（%2 % → %3 %）</translation>
    </message>
    <message>
        <source>%1 (stopped early)</source>
        <translation>%1（提前停止）</translation>
    </message>
    <message>
        <source>ℓ∞ %1 (%2/255) · ℓ2 %3 · ℓ0 %4 values changed</source>
        <translation>ℓ∞ %1（%2/255）· ℓ2 %3 · ℓ0 %4 个值被改变</translation>
    </message>
    <message numerus="yes">
        <source>%n gradient evaluation(s), %1 ms</source>
        <translation>
            <numerusform>%n 次梯度计算，%1 毫秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model quer(y/ies), fooled after %1, %2 ms</source>
        <translation>
            <numerusform>%n 次模型查询，第 %1 次时被欺骗，%2 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model quer(y/ies), %1 ms</source>
        <translation>
            <numerusform>%n 次模型查询，%1 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 not needed</source>
        <translation>%1 无需运行</translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 未攻破</translation>
    </message>
    <message>
        <source>%1 fooled it</source>
        <translation>%1 攻破</translation>
    </message>
    <message>
        <source>Stages: %1</source>
        <translation>阶段：%1</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ResultExporter</name>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>advlens::ui::RobustnessCurvePlot</name>
    <message>
        <source>Robust accuracy (%)</source>
        <translation>鲁棒准确率（%）</translation>
    </message>
    <message>
        <source>ε (pixel units)</source>
        <translation>ε（像素单位）</translation>
    </message>
    <message>
        <source>Attack iterations</source>
        <translation>攻击迭代次数</translation>
    </message>
    <message>
        <source>ε × 255 (grey levels)</source>
        <translation>ε × 255（灰度级）</translation>
    </message>
    <message>
        <source>Robustness curves</source>
        <translation>鲁棒性曲线</translation>
    </message>
    <message>
        <source>Model queries</source>
        <translation>模型查询次数</translation>
    </message>
</context>
<context>
    <name>advlens::ui::RobustnessScatterPlot</name>
    <message>
        <source>I-FGSM ℓ∞ distortion</source>
        <translation>I-FGSM ℓ∞ 失真</translation>
    </message>
    <message>
        <source>C&amp;W ℓ2 distortion</source>
        <translation>C&amp;W ℓ2 失真</translation>
    </message>
    <message>
        <source>EAD-L1 ℓ1 distortion</source>
        <translation>EAD-L1 ℓ1 失真</translation>
    </message>
    <message>
        <source>DeepFool ℓ2 distortion</source>
        <translation>DeepFool ℓ2 失真</translation>
    </message>
    <message>
        <source>CLEVER score (ℓ2)</source>
        <translation>CLEVER 分数（ℓ2）</translation>
    </message>
    <message>
        <source>CLEVER score (ℓ∞)</source>
        <translation>CLEVER 分数（ℓ∞）</translation>
    </message>
    <message>
        <source>no fit (fewer than two models)</source>
        <translation>无拟合（模型少于两个）</translation>
    </message>
    <message>
        <source>fit: d = %1 %2 %3·ln(error), R² = %4</source>
        <translation>拟合：d = %1 %2 %3·ln(错误率)，R² = %4</translation>
    </message>
    <message>
        <source>Pareto frontier</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>Classification error (%, log scale)</source>
        <translation>分类错误率（%，对数刻度）</translation>
    </message>
    <message>
        <source>%1 vs classification error</source>
        <translation>%1 与分类错误率</translation>
    </message>
</context>
<context>
    <name>advlens::ui::SaliencyPanel</name>
    <message>
        <source>Completeness gap: %1 (attributions sum to the logit change from a black image)</source>
        <translation>完备性差距：%1（归因之和应等于相对全黑图像的 logit 变化）</translation>
    </message>
    <message>
        <source>Layer: %1</source>
        <translation>层：%1</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>显著性图</translation>
    </message>
    <message>
        <source>Show &amp;saliency maps</source>
        <translation>显示显著性图(&amp;S)</translation>
    </message>
    <message>
        <source>Which pixels the predicted class depends on, over the original and the adversarial image</source>
        <translation>在原始图像和对抗图像上显示预测类别依赖于哪些像素</translation>
    </message>
    <message>
        <source>Met&amp;hod:</source>
        <translation>方法(&amp;H)：</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>SmoothGrad</source>
        <translation>SmoothGrad</translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>La&amp;yer:</source>
        <translation>层(&amp;Y)：</translation>
    </message>
    <message>
        <source>The feature map Grad-CAM weighs (Grad-CAM only)</source>
        <translation>Grad-CAM 加权的特征图（仅用于 Grad-CAM）</translation>
    </message>
    <message>
        <source>Saliency needs input gradients, which this model has not: %1</source>
        <translation>显著性图需要输入梯度，而该模型没有：%1</translation>
    </message>
</context>
<context>
    <name>advlens::ui::SamplePhotos</name>
    <message>
        <source>Astronaut</source>
        <translation>宇航员</translation>
    </message>
    <message>
        <source>Cameraman</source>
        <translation>摄影师</translation>
    </message>
    <message>
        <source>Cat</source>
        <translation>猫</translation>
    </message>
    <message>
        <source>Coffee</source>
        <translation>咖啡</translation>
    </message>
    <message>
        <source>Rocket</source>
        <translation>火箭</translation>
    </message>
    <message>
        <source>Could not copy %1 to %2: %3</source>
        <translation>无法将 %1 复制到 %2：%3</translation>
    </message>
</context>
<context>
    <name>advlens::ui::StudiesWindow</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run &amp;config file…</source>
        <translation>运行配置文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Open results…</source>
        <translation>打开结果(&amp;O)…</translation>
    </message>
    <message>
        <source>Open re&amp;port</source>
        <translation>打开报告(&amp;P)</translation>
    </message>
    <message>
        <source>AdvLens — Studies</source>
        <translation>AdvLens — 实验</translation>
    </message>
    <message>
        <source>Accuracy vs robustness (Su et al.)</source>
        <translation>准确率与鲁棒性（Su et al.）</translation>
    </message>
    <message>
        <source>Transferability heat maps (Su et al.)</source>
        <translation>可迁移性热力图（Su et al.）</translation>
    </message>
    <message>
        <source>Robustness curves (RealSafe)</source>
        <translation>鲁棒性曲线（RealSafe）</translation>
    </message>
    <message>
        <source>Test images each model is measured on</source>
        <translation>测量每个模型所用的测试图像数</translation>
    </message>
    <message>
        <source>Where results, figures and the report are written; finished parts there are reused</source>
        <translation>结果、图表和报告的写入位置；其中已完成的部分会被复用</translation>
    </message>
    <message>
        <source>What the study does, part by part</source>
        <translation>实验各部分的执行情况</translation>
    </message>
    <message>
        <source>Study:</source>
        <translation>实验：</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>图像数：</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Study folder</source>
        <translation>实验文件夹</translation>
    </message>
    <message>
        <source>Open a study&apos;s results</source>
        <translation>打开实验结果</translation>
    </message>
    <message>
        <source>Study config</source>
        <translation>实验配置</translation>
    </message>
    <message>
        <source>Study configs (*.json)</source>
        <translation>实验配置 (*.json)</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>choose a folder for the study&apos;s results</source>
        <translation>请为实验结果选择一个文件夹</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %n part(s) kept; run again to resume.</source>
        <translation>
            <numerusform>已取消：保留了 %n 个部分；再次运行即可继续。</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>AdvLens — Studies — %1</source>
        <translation>AdvLens — 实验 — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) from %1</source>
        <translation>
            <numerusform>来自 %1 的 %n 张图表</numerusform>
        </translation>
    </message>
    <message>
        <source>Defences (Deep Defense, adversarial training, BPDA)</source>
        <translation>防御（Deep Defense、对抗训练、BPDA）</translation>
    </message>
    <message>
        <source>The built-in studies run on the built-in Fashion-MNIST zoo (train it with advlens-cli train --arch all; the defences study also needs mlp and lenet trained with --recipe pgd and --recipe deepdefense)</source>
        <translation>内置实验在内置的 Fashion-MNIST 模型库上运行（用 advlens-cli train --arch all 训练；防御实验还需要用 --recipe pgd 和 --recipe deepdefense 训练的 mlp 和 lenet）</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n part(s) computed</source>
        <translation>
            <numerusform>已完成：计算了 %n 个部分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reused.</source>
        <translation>
            <numerusform>复用了 %n 个。</numerusform>
        </translation>
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
    <name>advlens::ui::TopKShiftChart</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 (true)</source>
        <translation>%1（真实）</translation>
    </message>
    <message>
        <source>%1 (target)</source>
        <translation>%1（目标）</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原始图像</translation>
    </message>
    <message>
        <source>Adversarial</source>
        <translation>对抗图像</translation>
    </message>
    <message>
        <source>Probability (%)</source>
        <translation>概率（%）</translation>
    </message>
</context>
<context>
    <name>advlens::ui::TransferExamples</name>
    <message>
        <source>Click a cell of the heat map to see the images that crossed over.</source>
        <translation>点击热力图中的单元格，查看迁移到另一模型上的图像。</translation>
    </message>
    <message>
        <source>true: %1</source>
        <translation>真实：%1</translation>
    </message>
    <message>
        <source>target: %1</source>
        <translation>目标：%1</translation>
    </message>
    <message>
        <source>says: %1</source>
        <translation>预测：%1</translation>
    </message>
    <message>
        <source>Made on %1 by %2, classified by %3: %4 of %5 examples reached the attack&apos;s goal (top: clean, bottom: adversarial).</source>
        <translation>由 %2 在 %1 上生成，由 %3 分类：%5 个样本中有 %4 个达到了攻击目的（上：干净图像，下：对抗图像）。</translation>
    </message>
</context>
<context>
    <name>advlens::ui::TransferHeatmap</name>
    <message>
        <source>rate (%)</source>
        <translation>比率（%）</translation>
    </message>
    <message>
        <source>evaluated on (target)</source>
        <translation>评估模型（目标）</translation>
    </message>
    <message>
        <source>made on (source)</source>
        <translation>生成模型（源）</translation>
    </message>
    <message>
        <source>%1, targeted: top-5 match rate (%)</source>
        <translation>%1，定向：top-5 匹配率（%）</translation>
    </message>
    <message>
        <source>%1, untargeted: success rate (%)</source>
        <translation>%1，无目标：成功率（%）</translation>
    </message>
</context>
<context>
    <name>advlens::ui::UnfinishedStudy</name>
    <message>
        <source>Every part of this study is computed, but results.json is missing: run the study once more on this folder to assemble it.</source>
        <translation>本研究的所有部分都已算完，但缺少 results.json：在此文件夹上再运行一次研究即可汇总。</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This study is not finished: %1 of its %n work item(s) are missing</source>
        <translation>
            <numerusform>本研究尚未完成：%n 个工作项中缺少 %1 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Run the study again on this folder, or the shares that did not finish, to complete it.</source>
        <translation>在此文件夹上再次运行研究，或运行未完成的分片，即可完成。</translation>
    </message>
    <message>
        <source>This folder holds an unfinished study, but what is missing cannot be told: %1</source>
        <translation>此文件夹中的研究尚未完成，但无法确定缺少哪些部分：%1</translation>
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
    <message>
        <source>LibTorch threads; 0 means all cores but one.</source>
        <translation>LibTorch 线程数；0 表示使用除一个之外的全部核心。</translation>
    </message>
    <message>
        <source>An image to open (PNG, JPEG, …).</source>
        <translation>要打开的图像（PNG、JPEG 等）。</translation>
    </message>
    <message>
        <source>%1. Running on the CPU instead.</source>
        <translation>%1。改为在 CPU 上运行。</translation>
    </message>
</context>
</TS>
