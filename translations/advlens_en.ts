<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>PixelReadout</name>
    <message>
        <source>%1, %2 — original %3</source>
        <translation>%1, %2 — original %3</translation>
    </message>
    <message>
        <source>%1, %2 — original %3 → adversarial %4 (δ %5)</source>
        <translation>%1, %2 — original %3 → adversarial %4 (δ %5)</translation>
    </message>
    <message>
        <source>ℓ∞ = %1 (%2/255) · ℓ₂ = %3</source>
        <translation>ℓ∞ = %1 (%2/255) · ℓ₂ = %3</translation>
    </message>
</context>
<context>
    <name>StudyFigureText</name>
    <message>
        <source>%1, targeted (top-5 match rate)</source>
        <translation>%1, targeted (top-5 match rate)</translation>
    </message>
    <message>
        <source>%1, untargeted (success rate)</source>
        <translation>%1, untargeted (success rate)</translation>
    </message>
    <message>
        <source>Accuracy vs %1 budget</source>
        <translation>Accuracy vs %1 budget</translation>
    </message>
    <message>
        <source>Accuracy vs iterations (%1)</source>
        <translation>Accuracy vs iterations (%1)</translation>
    </message>
    <message>
        <source>%1 has no results.json: the study has not finished there</source>
        <translation>%1 has no results.json: the study has not finished there</translation>
    </message>
    <message>
        <source>%1 is not a study&apos;s results (%2)</source>
        <translation>%1 is not a study&apos;s results (%2)</translation>
    </message>
    <message>
        <source>%1 was written by a newer AdvLens (results schema version %2; this one reads up to %3): open it with a newer AdvLens</source>
        <translation>%1 was written by a newer AdvLens (results schema version %2; this one reads up to %3): open it with a newer AdvLens</translation>
    </message>
    <message>
        <source>unreadable JSON</source>
        <translation>unreadable JSON</translation>
    </message>
    <message>
        <source>Deep Defense table</source>
        <translation>Deep Defense table</translation>
    </message>
    <message>
        <source>undefended</source>
        <translation>undefended</translation>
    </message>
    <message>
        <source>%1, BPDA</source>
        <translation>%1, BPDA</translation>
    </message>
    <message>
        <source>%1, own gradient</source>
        <translation>%1, own gradient</translation>
    </message>
    <message>
        <source>%1 vs input transforms (%2)</source>
        <translation>%1 vs input transforms (%2)</translation>
    </message>
    <message>
        <source>Robust accuracy vs queries (Square)</source>
        <translation>Robust accuracy vs queries (Square)</translation>
    </message>
    <message>
        <source>Robust accuracy vs queries (Square %1 ε = %2)</source>
        <translation>Robust accuracy vs queries (Square %1 ε = %2)</translation>
    </message>
</context>
<context>
    <name>StudyReportText</name>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>model</source>
        <translation>model</translation>
    </message>
    <message>
        <source>family</source>
        <translation>family</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>parameters</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>accuracy</translation>
    </message>
    <message>
        <source>Fits d = a + b·ln(error) and Pareto frontiers</source>
        <translation>Fits d = a + b·ln(error) and Pareto frontiers</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>metric</translation>
    </message>
    <message>
        <source>frontier, by error</source>
        <translation>frontier, by error</translation>
    </message>
    <message>
        <source>Gradient-masking checks</source>
        <translation>Gradient-masking checks</translation>
    </message>
    <message>
        <source>model · attack</source>
        <translation>model · attack</translation>
    </message>
    <message>
        <source>check</source>
        <translation>check</translation>
    </message>
    <message>
        <source>result</source>
        <translation>result</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>numbers</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <source>targeted</source>
        <translation>targeted</translation>
    </message>
    <message>
        <source>untargeted</source>
        <translation>untargeted</translation>
    </message>
    <message>
        <source>source \ target</source>
        <translation>source \ target</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>cannot create %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>cannot write %1</translation>
    </message>
    <message>
        <source>Study &lt;b&gt;%1&lt;/b&gt; on %2 (%3 split), %4 images. Tables as CSV and every number in results.json beside this page.</source>
        <translation>Study &lt;b&gt;%1&lt;/b&gt; on %2 (%3 split), %4 images. Tables as CSV and every number in results.json beside this page.</translation>
    </message>
    <message>
        <source>Written by AdvLens on %1.</source>
        <translation>Written by AdvLens on %1.</translation>
    </message>
    <message>
        <source>Deep Defense table</source>
        <translation>Deep Defense table</translation>
    </message>
    <message>
        <source>%1: ε_ref = %2, the FGS ε at which %3 falls to 50 % accuracy%4.</source>
        <translation>%1: ε_ref = %2, the FGS ε at which %3 falls to 50 % accuracy%4.</translation>
    </message>
    <message>
        <source> (not reached: the search&apos;s upper end)</source>
        <translation> (not reached: the search&apos;s upper end)</translation>
    </message>
    <message>
        <source>AutoAttack robust accuracy</source>
        <translation>AutoAttack robust accuracy</translation>
    </message>
    <message>
        <source>AutoAttack robust accuracy (%1 ε = %2)</source>
        <translation>AutoAttack robust accuracy (%1 ε = %2)</translation>
    </message>
    <message>
        <source>Square robust accuracy</source>
        <translation>Square robust accuracy</translation>
    </message>
    <message numerus="yes">
        <source>Square robust accuracy (%n queries)</source>
        <translation>
            <numerusform>Square robust accuracy (%n query)</numerusform>
            <numerusform>Square robust accuracy (%n queries)</numerusform>
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
        <translation>Amplify</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Scale the largest |δ| to full colour</source>
        <translation>Scale the largest |δ| to full colour</translation>
    </message>
    <message>
        <source>Enlarge δ by this factor before colouring it (×1…×100)</source>
        <translation>Enlarge δ by this factor before colouring it (×1…×100)</translation>
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
        <translation>MIM (momentum)</translation>
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
        <translation>EAD (elastic net)</translation>
    </message>
    <message>
        <source>Uniform noise</source>
        <translation>Uniform noise</translation>
    </message>
    <message>
        <source>Gaussian noise</source>
        <translation>Gaussian noise</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>Square</translation>
    </message>
    <message>
        <source>Boundary attack</source>
        <translation>Boundary attack</translation>
    </message>
    <message>
        <source>AutoAttack (rand)</source>
        <translation>AutoAttack (rand)</translation>
    </message>
</context>
<context>
    <name>advlens::ui::AttackPanel</name>
    <message>
        <source>Attack</source>
        <translation>Attack</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Method:</translation>
    </message>
    <message>
        <source>&amp;Norm:</source>
        <translation>&amp;Norm:</translation>
    </message>
    <message>
        <source>&amp;Budget ε:</source>
        <translation>&amp;Budget ε:</translation>
    </message>
    <message>
        <source>Perturbation budget in pixel units of [0, 1] images</source>
        <translation>Perturbation budget in pixel units of [0, 1] images</translation>
    </message>
    <message>
        <source>No budget: find the smallest perturbation</source>
        <translation>No budget: find the smallest perturbation</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>&amp;Steps:</translation>
    </message>
    <message>
        <source>Step si&amp;ze:</source>
        <translation>Step si&amp;ze:</translation>
    </message>
    <message>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <source>α per iteration; “default” lets the attack choose (2.5·ε/steps for PGD)</source>
        <translation>α per iteration; “default” lets the attack choose (2.5·ε/steps for PGD)</translation>
    </message>
    <message>
        <source>&amp;Targeted:</source>
        <translation>&amp;Targeted:</translation>
    </message>
    <message>
        <source>The class the attack should make the model predict</source>
        <translation>The class the attack should make the model predict</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <source>Attack again whenever a setting changes</source>
        <translation>Attack again whenever a setting changes</translation>
    </message>
    <message>
        <source>&amp;Attack</source>
        <translation>&amp;Attack</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop the running attack (Esc)</source>
        <translation>Stop the running attack (Esc)</translation>
    </message>
    <message>
        <source>= %1/255 per pixel</source>
        <translation>= %1/255 per pixel</translation>
    </message>
    <message>
        <source>%1 size of the whole perturbation</source>
        <translation>%1 size of the whole perturbation</translation>
    </message>
    <message>
        <source>Run the attack (Ctrl+Return or F5)</source>
        <translation>Run the attack (Ctrl+Return or F5)</translation>
    </message>
    <message>
        <source>Needs input gradients, which this model has not: %1</source>
        <translation>Needs input gradients, which this model has not: %1</translation>
    </message>
    <message>
        <source>Needs input gradients; the attacker sees only the scores</source>
        <translation>Needs input gradients; the attacker sees only the scores</translation>
    </message>
    <message>
        <source>Needs input gradients; the attacker sees only the predicted class</source>
        <translation>Needs input gradients; the attacker sees only the predicted class</translation>
    </message>
    <message>
        <source>Queries used: %1 of %2</source>
        <translation>Queries used: %1 of %2</translation>
    </message>
    <message>
        <source>Attacker &amp;sees:</source>
        <translation>Attacker &amp;sees:</translation>
    </message>
    <message>
        <source>Everything (white box)</source>
        <translation>Everything (white box)</translation>
    </message>
    <message>
        <source>Scores only (black box)</source>
        <translation>Scores only (black box)</translation>
    </message>
    <message>
        <source>Predicted class only (decision)</source>
        <translation>Predicted class only (decision)</translation>
    </message>
    <message>
        <source>What the attack may see of the model: its gradients, only its output scores, or only its top-1 decision. The images shown always use the model&apos;s own output.</source>
        <translation>What the attack may see of the model: its gradients, only its output scores, or only its top-1 decision. The images shown always use the model&apos;s own output.</translation>
    </message>
    <message>
        <source>&amp;Queries:</source>
        <translation>&amp;Queries:</translation>
    </message>
    <message>
        <source>Query budget per image: the model evaluations a black-box attack may spend</source>
        <translation>Query budget per image: the model evaluations a black-box attack may spend</translation>
    </message>
</context>
<context>
    <name>advlens::ui::AttackSession</name>
    <message>
        <source>open an image first</source>
        <translation>open an image first</translation>
    </message>
    <message>
        <source>choose a target class</source>
        <translation>choose a target class</translation>
    </message>
    <message>
        <source>only minimal-perturbation attacks can run without a budget</source>
        <translation>only minimal-perturbation attacks can run without a budget</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ClassNames</name>
    <message>
        <source>T-shirt/top</source>
        <translation>T-shirt/top</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>Trouser</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>Pullover</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>Dress</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>Coat</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>Sandal</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>Shirt</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>Sneaker</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>Bag</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>Ankle boot</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ColorLegend</name>
    <message>
        <source>Blue: δ ≤ %1 · white: δ = 0 · red: δ ≥ %2</source>
        <translation>Blue: δ ≤ %1 · white: δ = 0 · red: δ ≥ %2</translation>
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
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Share of the class&apos;s images the model classifies correctly</source>
        <translation>Share of the class&apos;s images the model classifies correctly</translation>
    </message>
    <message>
        <source>Correctly classified images the last attack fooled, of those it ran on</source>
        <translation>Correctly classified images the last attack fooled, of those it ran on</translation>
    </message>
    <message>
        <source>The wrong predictions for the class&apos;s images, most frequent first, with counts</source>
        <translation>The wrong predictions for the class&apos;s images, most frequent first, with counts</translation>
    </message>
    <message>
        <source>The predictions for the class&apos;s images, most frequent first, with counts</source>
        <translation>The predictions for the class&apos;s images, most frequent first, with counts</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>True class</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Accuracy</translation>
    </message>
    <message>
        <source>Fooled</source>
        <translation>Fooled</translation>
    </message>
    <message>
        <source>Mistaken for</source>
        <translation>Mistaken for</translation>
    </message>
    <message>
        <source>Predicted as</source>
        <translation>Predicted as</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ConfusionPanel</name>
    <message>
        <source>Confusion by true class</source>
        <translation>Confusion by true class</translation>
    </message>
    <message>
        <source>Click a class to show only its images; click it again to show all.</source>
        <translation>Click a class to show only its images; click it again to show all.</translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurveDataSource</name>
    <message>
        <source>Folder of labelled images</source>
        <translation>Folder of labelled images</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>The labelled images the curve runs on: the Fashion-MNIST test set, or a folder with one sub-folder per class (named by class name, WordNet id or index)</source>
        <translation>The labelled images the curve runs on: the Fashion-MNIST test set, or a folder with one sub-folder per class (named by class name, WordNet id or index)</translation>
    </message>
    <message>
        <source>Choose a folder of labelled images…</source>
        <translation>Choose a folder of labelled images…</translation>
    </message>
    <message>
        <source>The labelled images the curve runs on: a folder with one sub-folder per class (named by class name, WordNet id or index)</source>
        <translation>The labelled images the curve runs on: a folder with one sub-folder per class (named by class name, WordNet id or index)</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Choose a folder…</translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurvePanel</name>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Computing “%1”… (earlier curves had another x axis and were cleared)</source>
        <translation>Computing “%1”… (earlier curves had another x axis and were cleared)</translation>
    </message>
    <message>
        <source>Computing “%1”…</source>
        <translation>Computing “%1”…</translation>
    </message>
    <message>
        <source>ε = %1</source>
        <translation>ε = %1</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message>
        <source>Point %1 of %2: %3, accuracy %4 %</source>
        <translation>Point %1 of %2: %3, accuracy %4 %</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n point(s).</source>
        <translation>
            <numerusform>Cancelled after %n point.</numerusform>
            <numerusform>Cancelled after %n points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n point(s).</source>
        <translation>
            <numerusform>Finished: %n point.</numerusform>
            <numerusform>Finished: %n points.</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>Possible gradient masking:</source>
        <translation>Possible gradient masking:</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV table (*.csv)</translation>
    </message>
    <message>
        <source>Export robustness curves</source>
        <translation>Export robustness curves</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>C&amp;lear</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>This model</source>
        <translation>This model</translation>
    </message>
    <message>
        <source>%1 takes %2 × %3 × %4 images, and Fashion-MNIST&apos;s are 1 × 28 × 28: the curve runs on a folder of labelled images, one sub-folder per class. Choose one under “Data” with “…”.</source>
        <translation>%1 takes %2 × %3 × %4 images, and Fashion-MNIST&apos;s are 1 × 28 × 28: the curve runs on a folder of labelled images, one sub-folder per class. Choose one under “Data” with “…”.</translation>
    </message>
    <message numerus="yes">
        <source>After %n queries: accuracy %1 %</source>
        <translation>
            <numerusform>After %n query: accuracy %1 %</numerusform>
            <numerusform>After %n queries: accuracy %1 %</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurveRequest</name>
    <message>
        <source>targeted</source>
        <translation>targeted</translation>
    </message>
    <message numerus="yes">
        <source>%n queries</source>
        <translation>
            <numerusform>%n query</numerusform>
            <numerusform>%n queries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurveRunForm</name>
    <message>
        <source>No attack to run: load a model first.</source>
        <translation>No attack to run: load a model first.</translation>
    </message>
    <message>
        <source>“To” must be larger than “From”.</source>
        <translation>“To” must be larger than “From”.</translation>
    </message>
    <message>
        <source>Use 2 to 50 points.</source>
        <translation>Use 2 to 50 points.</translation>
    </message>
    <message>
        <source>ε must be larger than 0.</source>
        <translation>ε must be larger than 0.</translation>
    </message>
    <message>
        <source>Steps must be whole numbers from 1 up, separated by commas, e.g. 1,2,5,10,20,50.</source>
        <translation>Steps must be whole numbers from 1 up, separated by commas, e.g. 1,2,5,10,20,50.</translation>
    </message>
    <message>
        <source>At most 50 step counts.</source>
        <translation>At most 50 step counts.</translation>
    </message>
    <message>
        <source>&amp;Attack:</source>
        <translation>&amp;Attack:</translation>
    </message>
    <message>
        <source>&amp;Norm:</source>
        <translation>&amp;Norm:</translation>
    </message>
    <message>
        <source>A&amp;xis:</source>
        <translation>A&amp;xis:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>&amp;Points:</source>
        <translation>&amp;Points:</translation>
    </message>
    <message>
        <source>Iterati&amp;ons:</source>
        <translation>Iterati&amp;ons:</translation>
    </message>
    <message>
        <source>&amp;ε:</source>
        <translation>&amp;ε:</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>&amp;Steps:</translation>
    </message>
    <message>
        <source>&amp;Images:</source>
        <translation>&amp;Images:</translation>
    </message>
    <message>
        <source>Accuracy vs ε</source>
        <translation>Accuracy vs ε</translation>
    </message>
    <message>
        <source>Accuracy vs iterations</source>
        <translation>Accuracy vs iterations</translation>
    </message>
    <message>
        <source>Iterations of iterative attacks at every ε</source>
        <translation>Iterations of iterative attacks at every ε</translation>
    </message>
    <message>
        <source>Step counts, one point each, e.g. 1,2,5,10,20,50</source>
        <translation>Step counts, one point each, e.g. 1,2,5,10,20,50</translation>
    </message>
    <message>
        <source>Tar&amp;geted (random target classes)</source>
        <translation>Tar&amp;geted (random target classes)</translation>
    </message>
    <message>
        <source>A point every %1/255 = %2 in pixel units</source>
        <translation>A point every %1/255 = %2 in pixel units</translation>
    </message>
    <message>
        <source>= %1 in pixel units</source>
        <translation>= %1 in pixel units</translation>
    </message>
    <message>
        <source>A point every %1 (pixel units)</source>
        <translation>A point every %1 (pixel units)</translation>
    </message>
    <message>
        <source>In pixel units</source>
        <translation>In pixel units</translation>
    </message>
    <message>
        <source>&amp;Data:</source>
        <translation>&amp;Data:</translation>
    </message>
    <message>
        <source>The first images of the test set, or images spread evenly over the folder</source>
        <translation>The first images of the test set, or images spread evenly over the folder</translation>
    </message>
    <message>
        <source>This model gives no input gradients, so no attack here can run: %1</source>
        <translation>This model gives no input gradients, so no attack here can run: %1</translation>
    </message>
    <message>
        <source>Choose a folder of labelled images first.</source>
        <translation>Choose a folder of labelled images first.</translation>
    </message>
    <message>
        <source>Accuracy vs queries needs a query-based attack, such as Square.</source>
        <translation>Accuracy vs queries needs a query-based attack, such as Square.</translation>
    </message>
    <message>
        <source>&amp;Queries:</source>
        <translation>&amp;Queries:</translation>
    </message>
    <message>
        <source>Accuracy vs queries</source>
        <translation>Accuracy vs queries</translation>
    </message>
    <message>
        <source>Query-based (black-box) attacks only, such as Square</source>
        <translation>Query-based (black-box) attacks only, such as Square</translation>
    </message>
    <message>
        <source>The attack&apos;s query budget per image; the curve shows the accuracy after every count up to it, from one run</source>
        <translation>The attack&apos;s query budget per image; the curve shows the accuracy after every count up to it, from one run</translation>
    </message>
</context>
<context>
    <name>advlens::ui::CurveWorker</name>
    <message>
        <source>The curve could not be computed: %1</source>
        <translation>The curve could not be computed: %1</translation>
    </message>
    <message>
        <source>this model takes %1×%2×%3 images, not Fashion-MNIST&apos;s: choose a folder of labelled images under “Data”</source>
        <translation>this model takes %1×%2×%3 images, not Fashion-MNIST&apos;s: choose a folder of labelled images under “Data”</translation>
    </message>
    <message>
        <source>the sub-folders of %1 are not named after this model&apos;s classes (by name, id or index)</source>
        <translation>the sub-folders of %1 are not named after this model&apos;s classes (by name, id or index)</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable image(s) in the folder were skipped.</source>
        <translation>
            <numerusform>%n unreadable image in the folder was skipped.</numerusform>
            <numerusform>%n unreadable images in the folder were skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 does not say after how many queries it fooled each image, so it gives no curve of accuracy vs queries</source>
        <translation>%1 does not say after how many queries it fooled each image, so it gives no curve of accuracy vs queries</translation>
    </message>
    <message>
        <source>%1 is not a query-based attack; accuracy vs queries needs one such as Square</source>
        <translation>%1 is not a query-based attack; accuracy vs queries needs one such as Square</translation>
    </message>
</context>
<context>
    <name>advlens::ui::DeepDefenseTable</name>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Adv. training (PGD)</source>
        <translation>Adv. training (PGD)</translation>
    </message>
    <message>
        <source>Deep Defense</source>
        <translation>Deep Defense</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Accuracy</translation>
    </message>
    <message>
        <source>ρ2</source>
        <translation>ρ2</translation>
    </message>
    <message>
        <source>ρ2 ÷ ref.</source>
        <translation>ρ2 ÷ ref.</translation>
    </message>
    <message>
        <source>Acc. @ %1 ε_ref</source>
        <translation>Acc. @ %1 ε_ref</translation>
    </message>
    <message>
        <source>%1: ε_ref = %2 (FGS brings %3 to 50 %)</source>
        <translation>%1: ε_ref = %2 (FGS brings %3 to 50 %)</translation>
    </message>
    <message>
        <source>%1: ε_ref = %2 (FGS leaves %3 above 50 % even there)</source>
        <translation>%1: ε_ref = %2 (FGS leaves %3 above 50 % even there)</translation>
    </message>
    <message>
        <source>%1 (%2 pts)</source>
        <translation>%1 (%2 pts)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deep Defense (Yan et al. 2018) and adversarial training (Madry et al. 2018)&lt;/b&gt; on %1 test images. ρ2 is the mean ‖r‖₂/‖x‖₂ of DeepFool&apos;s perturbation; FGS accuracy is over all images at multiples of ε_ref, the FGS ε that brings each network&apos;s Deep Defense model to 50 %.&lt;br&gt;%2</source>
        <translation>&lt;b&gt;Deep Defense (Yan et al. 2018) and adversarial training (Madry et al. 2018)&lt;/b&gt; on %1 test images. ρ2 is the mean ‖r‖₂/‖x‖₂ of DeepFool&apos;s perturbation; FGS accuracy is over all images at multiples of ε_ref, the FGS ε that brings each network&apos;s Deep Defense model to 50 %.&lt;br&gt;%2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::Explorer</name>
    <message>
        <source>Opening model…</source>
        <translation>Opening model…</translation>
    </message>
    <message>
        <source>AdvLens</source>
        <translation>AdvLens</translation>
    </message>
    <message>
        <source>Opened model %1.</source>
        <translation>Opened model %1.</translation>
    </message>
    <message>
        <source>Model %1 takes %2 × %3 × %4 images, not Fashion-MNIST&apos;s; open an image with File ▸ Open image…</source>
        <translation>Model %1 takes %2 × %3 × %4 images, not Fashion-MNIST&apos;s; open an image with File ▸ Open image…</translation>
    </message>
    <message>
        <source>Saved %1 files: %2</source>
        <translation>Saved %1 files: %2</translation>
    </message>
    <message>
        <source>Computing on %1.</source>
        <translation>Computing on %1.</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryAttackBar</name>
    <message>
        <source>Attack every image:</source>
        <translation>Attack every image:</translation>
    </message>
    <message>
        <source>The norm of the budget</source>
        <translation>The norm of the budget</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>Budget: grey levels (k/255) under ℓ∞, pixel units under ℓ2</source>
        <translation>Budget: grey levels (k/255) under ℓ∞, pixel units under ℓ2</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>Iterations of iterative attacks</source>
        <translation>Iterations of iterative attacks</translation>
    </message>
    <message>
        <source>Run attack</source>
        <translation>Run attack</translation>
    </message>
    <message>
        <source>Attack every classified image (untargeted); then “Fooled by the attack” shows the ones it turned from correct to wrong</source>
        <translation>Attack every classified image (untargeted); then “Fooled by the attack” shows the ones it turned from correct to wrong</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryCsv</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryFilterBar</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 of %2 shown</translation>
    </message>
    <message>
        <source>Only %1  ✕</source>
        <translation>Only %1  ✕</translation>
    </message>
    <message>
        <source>Misclassified only</source>
        <translation>Misclassified only</translation>
    </message>
    <message>
        <source>Images whose prediction is not their true class</source>
        <translation>Images whose prediction is not their true class</translation>
    </message>
    <message>
        <source>The folder&apos;s classes are not the model&apos;s: correctness is unknown</source>
        <translation>The folder&apos;s classes are not the model&apos;s: correctness is unknown</translation>
    </message>
    <message>
        <source>Fooled by the attack</source>
        <translation>Fooled by the attack</translation>
    </message>
    <message>
        <source>Images the last attack run turned from correct to wrong (run one below)</source>
        <translation>Images the last attack run turned from correct to wrong (run one below)</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <source>Lowest top-1 confidence shown</source>
        <translation>Lowest top-1 confidence shown</translation>
    </message>
    <message>
        <source>Highest top-1 confidence shown</source>
        <translation>Highest top-1 confidence shown</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sort by</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>True class</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Margin</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>Ascending or descending</source>
        <translation>Ascending or descending</translation>
    </message>
    <message>
        <source>Show every class again</source>
        <translation>Show every class again</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryImageSource</name>
    <message>
        <source>the Fashion-MNIST test set has 1×28×28 images; this model takes %1×%2×%3</source>
        <translation>the Fashion-MNIST test set has 1×28×28 images; this model takes %1×%2×%3</translation>
    </message>
    <message>
        <source>Fashion-MNIST test set</source>
        <translation>Fashion-MNIST test set</translation>
    </message>
    <message>
        <source>the class sub-folders of %1 hold no images (PNG, JPEG, BMP, TIFF, WebP, PGM, PPM)</source>
        <translation>the class sub-folders of %1 hold no images (PNG, JPEG, BMP, TIFF, WebP, PGM, PPM)</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryModel</name>
    <message>
        <source>fooled → %1</source>
        <translation>fooled → %1</translation>
    </message>
    <message>
        <source>resisted</source>
        <translation>resisted</translation>
    </message>
    <message>
        <source>already wrong</source>
        <translation>already wrong</translation>
    </message>
    <message>
        <source>Margin: logit of the true class minus the largest other logit (negative when misclassified)</source>
        <translation>Margin: logit of the true class minus the largest other logit (negative when misclassified)</translation>
    </message>
    <message>
        <source>Margin: top-1 logit minus the runner-up&apos;s logit (the true classes are not the model&apos;s)</source>
        <translation>Margin: top-1 logit minus the runner-up&apos;s logit (the true classes are not the model&apos;s)</translation>
    </message>
    <message>
        <source>True class: %1</source>
        <translation>True class: %1</translation>
    </message>
    <message>
        <source>Prediction: %1 (%2)</source>
        <translation>Prediction: %1 (%2)</translation>
    </message>
    <message>
        <source>Top-5: %1</source>
        <translation>Top-5: %1</translation>
    </message>
    <message>
        <source>Margin: %1 · loss: %2</source>
        <translation>Margin: %1 · loss: %2</translation>
    </message>
    <message>
        <source>Attack: %1</source>
        <translation>Attack: %1</translation>
    </message>
    <message>
        <source>Cross-entropy with respect to the true class (— when the true class is unknown)</source>
        <translation>Cross-entropy with respect to the true class (— when the true class is unknown)</translation>
    </message>
    <message>
        <source>What the last attack run over the gallery did to the image</source>
        <translation>What the last attack run over the gallery did to the image</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>True class</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Prediction</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Margin</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>Attack</source>
        <translation>Attack</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GallerySourceBar</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Open folder…</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per class (named as the model&apos;s classes, by class index, or anything else), images inside</source>
        <translation>A folder with one sub-folder per class (named as the model&apos;s classes, by class index, or anything else), images inside</translation>
    </message>
    <message>
        <source>Fashion-MNIST test set</source>
        <translation>Fashion-MNIST test set</translation>
    </message>
    <message>
        <source>Classify the first test images</source>
        <translation>Classify the first test images</translation>
    </message>
    <message>
        <source>first </source>
        <translation>first </translation>
    </message>
    <message>
        <source>How many test images, from the first</source>
        <translation>How many test images, from the first</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unreadable</numerusform>
            <numerusform>%n unreadable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (click for all)</source>
        <translation>
            <numerusform>… and %n more (click for all)</numerusform>
            <numerusform>… and %n more (click for all)</numerusform>
        </translation>
    </message>
    <message>
        <source>Unreadable images</source>
        <translation>Unreadable images</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and are not in the gallery.</source>
        <translation>
            <numerusform>%n file could not be read and is not in the gallery.</numerusform>
            <numerusform>%n files could not be read and are not in the gallery.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::GallerySummary</name>
    <message>
        <source>top-1 accuracy %1 %</source>
        <translation>top-1 accuracy %1 %</translation>
    </message>
    <message>
        <source>%1 at ε = %2 fooled %3 of %4 correctly classified</source>
        <translation>%1 at ε = %2 fooled %3 of %4 correctly classified</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>model %1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryWindow</name>
    <message>
        <source>Model %1 takes %2×%3×%4 images, not Fashion-MNIST&apos;s</source>
        <translation>Model %1 takes %2×%3×%4 images, not Fashion-MNIST&apos;s</translation>
    </message>
    <message>
        <source>Open image folder</source>
        <translation>Open image folder</translation>
    </message>
    <message>
        <source>Classify some images first: open a folder or the Fashion-MNIST test set.</source>
        <translation>Classify some images first: open a folder or the Fashion-MNIST test set.</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n image(s) could be read; see “unreadable”.</source>
        <translation>
            <numerusform>%n image could not be read; see “unreadable”.</numerusform>
            <numerusform>None of the %n images could be read; see “unreadable”.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>Export table as CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to %1</source>
        <translation>
            <numerusform>Saved %n row to %1</numerusform>
            <numerusform>Saved %n rows to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>correct</translation>
    </message>
    <message>
        <source>misclassified</source>
        <translation>misclassified</translation>
    </message>
    <message>
        <source>fooled by the attack</source>
        <translation>fooled by the attack</translation>
    </message>
    <message>
        <source>Double-click an image (or press Enter) to open it in the explorer with its saliency map.</source>
        <translation>Double-click an image (or press Enter) to open it in the explorer with its saliency map.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Saves the table as shown (filters and order applied) as CSV</source>
        <translation>Saves the table as shown (filters and order applied) as CSV</translation>
    </message>
    <message>
        <source>AdvLens — Gallery</source>
        <translation>AdvLens — Gallery</translation>
    </message>
    <message>
        <source>Classifying with %1…</source>
        <translation>Classifying with %1…</translation>
    </message>
    <message>
        <source>Attacking every image…</source>
        <translation>Attacking every image…</translation>
    </message>
    <message>
        <source>Open a folder of labelled images (one sub-folder per class) or the Fashion-MNIST test set.</source>
        <translation>Open a folder of labelled images (one sub-folder per class) or the Fashion-MNIST test set.</translation>
    </message>
</context>
<context>
    <name>advlens::ui::GalleryWorker</name>
    <message>
        <source>Could not classify the gallery: %1</source>
        <translation>Could not classify the gallery: %1</translation>
    </message>
    <message>
        <source>The attack over the gallery failed: %1</source>
        <translation>The attack over the gallery failed: %1</translation>
    </message>
    <message>
        <source>classify some images first</source>
        <translation>classify some images first</translation>
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
        <translation>Point at a pixel to read its values</translation>
    </message>
    <message>
        <source>%1 × %2 pixels, greyscale</source>
        <translation>%1 × %2 pixels, greyscale</translation>
    </message>
    <message>
        <source>%1 × %2 pixels, RGB</source>
        <translation>%1 × %2 pixels, RGB</translation>
    </message>
    <message>
        <source>%1 of %2 pixels changed</source>
        <translation>%1 of %2 pixels changed</translation>
    </message>
    <message>
        <source>The adversarial image does not match the original in size</source>
        <translation>The adversarial image does not match the original in size</translation>
    </message>
    <message>
        <source>δ = adversarial − original appears here after an attack</source>
        <translation>δ = adversarial − original appears here after an attack</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Adversarial</source>
        <translation>Adversarial</translation>
    </message>
    <message>
        <source>Perturbation</source>
        <translation>Perturbation</translation>
    </message>
    <message>
        <source>No image yet: pick a test image or open a file</source>
        <translation>No image yet: pick a test image or open a file</translation>
    </message>
    <message>
        <source>Run an attack to see the adversarial image</source>
        <translation>Run an attack to see the adversarial image</translation>
    </message>
    <message>
        <source>δ = adversarial − original, amplified: blue darker, white unchanged, red brighter. In colour images each pixel shows its most changed channel.</source>
        <translation>δ = adversarial − original, amplified: blue darker, white unchanged, red brighter. In colour images each pixel shows its most changed channel.</translation>
    </message>
    <message>
        <source>Saliency overlay</source>
        <translation>Saliency overlay</translation>
    </message>
    <message>
        <source>Opacity of the saliency heat map over the original and adversarial images</source>
        <translation>Opacity of the saliency heat map over the original and adversarial images</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−, mouse wheel)</source>
        <translation>Zoom out (Ctrl+−, mouse wheel)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Fit the images to the views (Ctrl+0, double-click)</source>
        <translation>Fit the images to the views (Ctrl+0, double-click)</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+=, mouse wheel); drag to pan</source>
        <translation>Zoom in (Ctrl+=, mouse wheel); drag to pan</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ImagePanel</name>
    <message>
        <source>No image</source>
        <translation>No image</translation>
    </message>
    <message>
        <source>Fashion-MNIST test image %1</source>
        <translation>Fashion-MNIST test image %1</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 pixels</translation>
    </message>
    <message>
        <source>True label: unknown · %1</source>
        <translation>True label: unknown · %1</translation>
    </message>
    <message>
        <source>True label: %1 · %2</source>
        <translation>True label: %1 · %2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::IterationTimeline</name>
    <message>
        <source>Iterations:</source>
        <translation>Iterations:</translation>
    </message>
    <message>
        <source>Previous stored iterate</source>
        <translation>Previous stored iterate</translation>
    </message>
    <message>
        <source>Next stored iterate</source>
        <translation>Next stored iterate</translation>
    </message>
    <message>
        <source>Step through the attack&apos;s iterates; the left end is the clean image</source>
        <translation>Step through the attack&apos;s iterates; the left end is the clean image</translation>
    </message>
    <message>
        <source>iteration %1 of %2</source>
        <translation>iteration %1 of %2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>Open &amp;model…</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>Open &amp;image…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>&amp;Image</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About AdvLens</source>
        <translation>&amp;About AdvLens</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Open model</translation>
    </message>
    <message>
        <source>Model metadata (*.json);;All files (*)</source>
        <translation>Model metadata (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>Open image</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.pgm *.ppm);;All files (*)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.pgm *.ppm);;All files (*)</translation>
    </message>
    <message>
        <source>About AdvLens</source>
        <translation>About AdvLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AdvLens %1&lt;/h3&gt;&lt;p&gt;An explorer of adversarial robustness for image classifiers: load a model and images, attack them and watch the predictions change.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch, OpenCV and QCustomPlot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AdvLens %1&lt;/h3&gt;&lt;p&gt;An explorer of adversarial robustness for image classifiers: load a model and images, attack them and watch the predictions change.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch, OpenCV and QCustomPlot.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Recent images</source>
        <translation>&amp;Recent images</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>&amp;Paste image</translation>
    </message>
    <message>
        <source>&amp;Attack</source>
        <translation>&amp;Attack</translation>
    </message>
    <message>
        <source>&amp;Run attack</source>
        <translation>&amp;Run attack</translation>
    </message>
    <message>
        <source>&amp;Cancel attack</source>
        <translation>&amp;Cancel attack</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>&amp;Presentation mode</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>The clipboard holds no image.</translation>
    </message>
    <message>
        <source>Could not keep the pasted image in %1.</source>
        <translation>Could not keep the pasted image in %1.</translation>
    </message>
    <message>
        <source>&amp;Export result…</source>
        <translation>&amp;Export result…</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Export result</translation>
    </message>
    <message>
        <source>Result files (*-figure.png *-result.json)</source>
        <translation>Result files (*-figure.png *-result.json)</translation>
    </message>
    <message>
        <source>&amp;Zoo models</source>
        <translation>&amp;Zoo models</translation>
    </message>
    <message>
        <source>PGD adversarial training</source>
        <translation>PGD adversarial training</translation>
    </message>
    <message>
        <source>plain training</source>
        <translation>plain training</translation>
    </message>
    <message>
        <source>%1 % clean accuracy</source>
        <translation>%1 % clean accuracy</translation>
    </message>
    <message>
        <source>accuracy not measured</source>
        <translation>accuracy not measured</translation>
    </message>
    <message>
        <source>No zoo models: run ./setup.sh or advlens-cli train</source>
        <translation>No zoo models: run ./setup.sh or advlens-cli train</translation>
    </message>
    <message>
        <source>Compute &amp;device</source>
        <translation>Compute &amp;device</translation>
    </message>
    <message>
        <source>&amp;CPU</source>
        <translation>&amp;CPU</translation>
    </message>
    <message>
        <source>CUDA &amp;GPU</source>
        <translation>CUDA &amp;GPU</translation>
    </message>
    <message>
        <source>Needs a LibTorch built with CUDA and a GPU (see README, GPU)</source>
        <translation>Needs a LibTorch built with CUDA and a GPU (see README, GPU)</translation>
    </message>
    <message>
        <source>&amp;Sample photos</source>
        <translation>&amp;Sample photos</translation>
    </message>
    <message>
        <source>Open image &amp;folder…</source>
        <translation>Open image &amp;folder…</translation>
    </message>
    <message>
        <source>Classify a folder of labelled images (one sub-folder per class) in the gallery</source>
        <translation>Classify a folder of labelled images (one sub-folder per class) in the gallery</translation>
    </message>
    <message>
        <source>&amp;Gallery</source>
        <translation>&amp;Gallery</translation>
    </message>
    <message>
        <source>No sample photos in this build</source>
        <translation>No sample photos in this build</translation>
    </message>
    <message>
        <source>Photo credits…</source>
        <translation>Photo credits…</translation>
    </message>
    <message>
        <source>Sample photos</source>
        <translation>Sample photos</translation>
    </message>
    <message>
        <source>&amp;Studies</source>
        <translation>&amp;Studies</translation>
    </message>
    <message>
        <source>Run and view the papers&apos; studies: accuracy vs robustness, transferability, robustness curves, defences</source>
        <translation>Run and view the papers&apos; studies: accuracy vs robustness, transferability, robustness curves, defences</translation>
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
        <translation>Gradient-masking checks</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>A defence that only hides its gradient fails these: unbounded attacks that do not reach 100 %, iterative attacks weaker than one step, noise stronger than gradients</source>
        <translation>A defence that only hides its gradient fails these: unbounded attacks that do not reach 100 %, iterative attacks weaker than one step, noise stronger than gradients</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <source>all passed</source>
        <translation>all passed</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Unbounded PGD: accuracy ≈ 0</source>
        <translation>Unbounded PGD: accuracy ≈ 0</translation>
    </message>
    <message>
        <source>FGSM not above clean accuracy</source>
        <translation>FGSM not above clean accuracy</translation>
    </message>
    <message>
        <source>PGD-20 not weaker than FGSM</source>
        <translation>PGD-20 not weaker than FGSM</translation>
    </message>
    <message>
        <source>Noise not stronger than PGD-20</source>
        <translation>Noise not stronger than PGD-20</translation>
    </message>
</context>
<context>
    <name>advlens::ui::MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ModelPanel</name>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architecture:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Input:</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>Classes:</translation>
    </message>
    <message>
        <source>Training:</source>
        <translation>Training:</translation>
    </message>
    <message>
        <source>Clean accuracy:</source>
        <translation>Clean accuracy:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Device:</translation>
    </message>
    <message>
        <source>No model open</source>
        <translation>No model open</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>not stated</translation>
    </message>
    <message>
        <source>TorchScript module</source>
        <translation>TorchScript module</translation>
    </message>
    <message>
        <source>AdvLens zoo network</source>
        <translation>AdvLens zoo network</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 (%4)</source>
        <translation>%1 × %2 × %3 (%4)</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>grey</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>%1 % on %2 test images</source>
        <translation>%1 % on %2 test images</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>not measured</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (%1)</source>
        <translation>GPU (%1)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>standard</translation>
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
        <translation>Fashion-MNIST</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n epoch(s) on %2</source>
        <translation>
            <numerusform>%1, %n epoch on %2</numerusform>
            <numerusform>%1, %n epochs on %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Gradients:</source>
        <translation>Gradients:</translation>
    </message>
    <message>
        <source>none: gradient attacks and saliency are off</source>
        <translation>none: gradient attacks and saliency are off</translation>
    </message>
    <message>
        <source>The model has no input gradient: %1.</source>
        <translation>The model has no input gradient: %1.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>yes, from the module as loaded</source>
        <translation>yes, from the module as loaded</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ModelPrecheck</name>
    <message>
        <source>opening it took longer than %1 s in a separate process, so it is not opened here</source>
        <translation>opening it took longer than %1 s in a separate process, so it is not opened here</translation>
    </message>
    <message>
        <source>LibTorch&apos;s loader crashed on it in a separate process, so it is not opened here (a model file is code: open only files you trust)</source>
        <translation>LibTorch&apos;s loader crashed on it in a separate process, so it is not opened here (a model file is code: open only files you trust)</translation>
    </message>
    <message>
        <source>it failed to open in a separate process (exit code %1)</source>
        <translation>it failed to open in a separate process (exit code %1)</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ModelWorker</name>
    <message>
        <source>LibTorch error: %1</source>
        <translation>LibTorch error: %1</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>out of memory</translation>
    </message>
    <message>
        <source>the model produced NaN or infinite outputs for this image</source>
        <translation>the model produced NaN or infinite outputs for this image</translation>
    </message>
    <message>
        <source>No model is open: the default model &apos;%1&apos; is not trained yet. Run ./setup.sh or advlens-cli train, or use File ▸ Open model…</source>
        <translation>No model is open: the default model &apos;%1&apos; is not trained yet. Run ./setup.sh or advlens-cli train, or use File ▸ Open model…</translation>
    </message>
    <message>
        <source>Could not open the model: %1</source>
        <translation>Could not open the model: %1</translation>
    </message>
    <message>
        <source>the model takes %1×%2×%3 images, not Fashion-MNIST&apos;s 1×28×28; open an image file instead</source>
        <translation>the model takes %1×%2×%3 images, not Fashion-MNIST&apos;s 1×28×28; open an image file instead</translation>
    </message>
    <message>
        <source>the test set has no image %1 (it has %2)</source>
        <translation>the test set has no image %1 (it has %2)</translation>
    </message>
    <message>
        <source>Could not classify test image %1: %2</source>
        <translation>Could not classify test image %1: %2</translation>
    </message>
    <message>
        <source>Could not classify &apos;%1&apos;: %2</source>
        <translation>Could not classify &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>no model is open</source>
        <translation>no model is open</translation>
    </message>
    <message>
        <source>open an image first</source>
        <translation>open an image first</translation>
    </message>
    <message>
        <source>No saliency map: %1</source>
        <translation>No saliency map: %1</translation>
    </message>
    <message>
        <source>The attack failed: %1</source>
        <translation>The attack failed: %1</translation>
    </message>
    <message>
        <source>run an attack first</source>
        <translation>run an attack first</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Could not export: %1</translation>
    </message>
    <message>
        <source>Could not use device %1: %2</source>
        <translation>Could not use device %1: %2</translation>
    </message>
</context>
<context>
    <name>advlens::ui::PredictionPanel</name>
    <message>
        <source>Prediction</source>
        <translation>Prediction</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <source>Top 5</source>
        <translation>Top 5</translation>
    </message>
    <message>
        <source>Top 10</source>
        <translation>Top 10</translation>
    </message>
    <message>
        <source>Prediction: –</source>
        <translation>Prediction: –</translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %)</source>
        <translation>Prediction: %1 (%2 %)</translation>
    </message>
    <message>
        <source>True class unknown.</source>
        <translation>True class unknown.</translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %) — correct</source>
        <translation>Prediction: %1 (%2 %) — correct</translation>
    </message>
    <message>
        <source>Prediction: %1 (%2 %) — wrong</source>
        <translation>Prediction: %1 (%2 %) — wrong</translation>
    </message>
    <message>
        <source>True class: %1 (%2 %)</source>
        <translation>True class: %1 (%2 %)</translation>
    </message>
    <message>
        <source>True class: %1 (not one of the model&apos;s classes)</source>
        <translation>True class: %1 (not one of the model&apos;s classes)</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>Fooled, target reached: %1 → %2</source>
        <translation>Fooled, target reached: %1 → %2</translation>
    </message>
    <message>
        <source>Fooled: %1 → %2</source>
        <translation>Fooled: %1 → %2</translation>
    </message>
    <message>
        <source>Fooled, but not into the target: %1 → %2</source>
        <translation>Fooled, but not into the target: %1 → %2</translation>
    </message>
    <message>
        <source>Not fooled: still %1 (%2 % → %3 %)</source>
        <translation>Not fooled: still %1 (%2 % → %3 %)</translation>
    </message>
    <message>
        <source>%1 (stopped early)</source>
        <translation>%1 (stopped early)</translation>
    </message>
    <message>
        <source>ℓ∞ %1 (%2/255) · ℓ2 %3 · ℓ0 %4 values changed</source>
        <translation>ℓ∞ %1 (%2/255) · ℓ2 %3 · ℓ0 %4 values changed</translation>
    </message>
    <message numerus="yes">
        <source>%n gradient evaluation(s), %1 ms</source>
        <translation>
            <numerusform>%n gradient evaluation, %1 ms</numerusform>
            <numerusform>%n gradient evaluations, %1 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model quer(y/ies), fooled after %1, %2 ms</source>
        <translation>
            <numerusform>%n model query, fooled after %1, %2 ms</numerusform>
            <numerusform>%n model queries, fooled after %1, %2 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model quer(y/ies), %1 ms</source>
        <translation>
            <numerusform>%n model query, %1 ms</numerusform>
            <numerusform>%n model queries, %1 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 not needed</source>
        <translation>%1 not needed</translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 held</translation>
    </message>
    <message>
        <source>%1 fooled it</source>
        <translation>%1 fooled it</translation>
    </message>
    <message>
        <source>Stages: %1</source>
        <translation>Stages: %1</translation>
    </message>
</context>
<context>
    <name>advlens::ui::ResultExporter</name>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
</context>
<context>
    <name>advlens::ui::RobustnessCurvePlot</name>
    <message>
        <source>Robust accuracy (%)</source>
        <translation>Robust accuracy (%)</translation>
    </message>
    <message>
        <source>ε (pixel units)</source>
        <translation>ε (pixel units)</translation>
    </message>
    <message>
        <source>Attack iterations</source>
        <translation>Attack iterations</translation>
    </message>
    <message>
        <source>ε × 255 (grey levels)</source>
        <translation>ε × 255 (grey levels)</translation>
    </message>
    <message>
        <source>Robustness curves</source>
        <translation>Robustness curves</translation>
    </message>
    <message>
        <source>Model queries</source>
        <translation>Model queries</translation>
    </message>
</context>
<context>
    <name>advlens::ui::RobustnessScatterPlot</name>
    <message>
        <source>I-FGSM ℓ∞ distortion</source>
        <translation>I-FGSM ℓ∞ distortion</translation>
    </message>
    <message>
        <source>C&amp;W ℓ2 distortion</source>
        <translation>C&amp;W ℓ2 distortion</translation>
    </message>
    <message>
        <source>EAD-L1 ℓ1 distortion</source>
        <translation>EAD-L1 ℓ1 distortion</translation>
    </message>
    <message>
        <source>DeepFool ℓ2 distortion</source>
        <translation>DeepFool ℓ2 distortion</translation>
    </message>
    <message>
        <source>CLEVER score (ℓ2)</source>
        <translation>CLEVER score (ℓ2)</translation>
    </message>
    <message>
        <source>CLEVER score (ℓ∞)</source>
        <translation>CLEVER score (ℓ∞)</translation>
    </message>
    <message>
        <source>no fit (fewer than two models)</source>
        <translation>no fit (fewer than two models)</translation>
    </message>
    <message>
        <source>fit: d = %1 %2 %3·ln(error), R² = %4</source>
        <translation>fit: d = %1 %2 %3·ln(error), R² = %4</translation>
    </message>
    <message>
        <source>Pareto frontier</source>
        <translation>Pareto frontier</translation>
    </message>
    <message>
        <source>Classification error (%, log scale)</source>
        <translation>Classification error (%, log scale)</translation>
    </message>
    <message>
        <source>%1 vs classification error</source>
        <translation>%1 vs classification error</translation>
    </message>
</context>
<context>
    <name>advlens::ui::SaliencyPanel</name>
    <message>
        <source>Completeness gap: %1 (attributions sum to the logit change from a black image)</source>
        <translation>Completeness gap: %1 (attributions sum to the logit change from a black image)</translation>
    </message>
    <message>
        <source>Layer: %1</source>
        <translation>Layer: %1</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>Saliency</translation>
    </message>
    <message>
        <source>Show &amp;saliency maps</source>
        <translation>Show &amp;saliency maps</translation>
    </message>
    <message>
        <source>Which pixels the predicted class depends on, over the original and the adversarial image</source>
        <translation>Which pixels the predicted class depends on, over the original and the adversarial image</translation>
    </message>
    <message>
        <source>Met&amp;hod:</source>
        <translation>Met&amp;hod:</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>Gradient</translation>
    </message>
    <message>
        <source>SmoothGrad</source>
        <translation>SmoothGrad</translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation>Integrated Gradients</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>La&amp;yer:</source>
        <translation>La&amp;yer:</translation>
    </message>
    <message>
        <source>The feature map Grad-CAM weighs (Grad-CAM only)</source>
        <translation>The feature map Grad-CAM weighs (Grad-CAM only)</translation>
    </message>
    <message>
        <source>Saliency needs input gradients, which this model has not: %1</source>
        <translation>Saliency needs input gradients, which this model has not: %1</translation>
    </message>
</context>
<context>
    <name>advlens::ui::SamplePhotos</name>
    <message>
        <source>Astronaut</source>
        <translation>Astronaut</translation>
    </message>
    <message>
        <source>Cameraman</source>
        <translation>Cameraman</translation>
    </message>
    <message>
        <source>Cat</source>
        <translation>Cat</translation>
    </message>
    <message>
        <source>Coffee</source>
        <translation>Coffee</translation>
    </message>
    <message>
        <source>Rocket</source>
        <translation>Rocket</translation>
    </message>
    <message>
        <source>Could not copy %1 to %2: %3</source>
        <translation>Could not copy %1 to %2: %3</translation>
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
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>Run &amp;config file…</source>
        <translation>Run &amp;config file…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Open results…</source>
        <translation>&amp;Open results…</translation>
    </message>
    <message>
        <source>Open re&amp;port</source>
        <translation>Open re&amp;port</translation>
    </message>
    <message>
        <source>AdvLens — Studies</source>
        <translation>AdvLens — Studies</translation>
    </message>
    <message>
        <source>Accuracy vs robustness (Su et al.)</source>
        <translation>Accuracy vs robustness (Su et al.)</translation>
    </message>
    <message>
        <source>Transferability heat maps (Su et al.)</source>
        <translation>Transferability heat maps (Su et al.)</translation>
    </message>
    <message>
        <source>Robustness curves (RealSafe)</source>
        <translation>Robustness curves (RealSafe)</translation>
    </message>
    <message>
        <source>Test images each model is measured on</source>
        <translation>Test images each model is measured on</translation>
    </message>
    <message>
        <source>Where results, figures and the report are written; finished parts there are reused</source>
        <translation>Where results, figures and the report are written; finished parts there are reused</translation>
    </message>
    <message>
        <source>What the study does, part by part</source>
        <translation>What the study does, part by part</translation>
    </message>
    <message>
        <source>Study:</source>
        <translation>Study:</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Images:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>Study folder</source>
        <translation>Study folder</translation>
    </message>
    <message>
        <source>Open a study&apos;s results</source>
        <translation>Open a study&apos;s results</translation>
    </message>
    <message>
        <source>Study config</source>
        <translation>Study config</translation>
    </message>
    <message>
        <source>Study configs (*.json)</source>
        <translation>Study configs (*.json)</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>cannot read %1</translation>
    </message>
    <message>
        <source>choose a folder for the study&apos;s results</source>
        <translation>choose a folder for the study&apos;s results</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %n part(s) kept; run again to resume.</source>
        <translation>
            <numerusform>Cancelled: %n part kept; run again to resume.</numerusform>
            <numerusform>Cancelled: %n parts kept; run again to resume.</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>AdvLens — Studies — %1</source>
        <translation>AdvLens — Studies — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) from %1</source>
        <translation>
            <numerusform>%n figure from %1</numerusform>
            <numerusform>%n figures from %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Defences (Deep Defense, adversarial training, BPDA)</source>
        <translation>Defences (Deep Defense, adversarial training, BPDA)</translation>
    </message>
    <message>
        <source>The built-in studies run on the built-in Fashion-MNIST zoo (train it with advlens-cli train --arch all; the defences study also needs mlp and lenet trained with --recipe pgd and --recipe deepdefense)</source>
        <translation>The built-in studies run on the built-in Fashion-MNIST zoo (train it with advlens-cli train --arch all; the defences study also needs mlp and lenet trained with --recipe pgd and --recipe deepdefense)</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n part(s) computed</source>
        <translation>
            <numerusform>Finished: %n part computed</numerusform>
            <numerusform>Finished: %n parts computed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reused.</source>
        <translation>
            <numerusform>%n reused.</numerusform>
            <numerusform>%n reused.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>advlens::ui::TestSetBrowser</name>
    <message>
        <source>&amp;Test image:</source>
        <translation>&amp;Test image:</translation>
    </message>
    <message>
        <source>Index in the Fashion-MNIST test set (0–9999)</source>
        <translation>Index in the Fashion-MNIST test set (0–9999)</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <source>Previous test image (Left, Page Up)</source>
        <translation>Previous test image (Left, Page Up)</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <source>Next test image (Right, Page Down)</source>
        <translation>Next test image (Right, Page Down)</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Random</translation>
    </message>
    <message>
        <source>A random test image (Ctrl+R)</source>
        <translation>A random test image (Ctrl+R)</translation>
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
        <translation>%1 (true)</translation>
    </message>
    <message>
        <source>%1 (target)</source>
        <translation>%1 (target)</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Adversarial</source>
        <translation>Adversarial</translation>
    </message>
    <message>
        <source>Probability (%)</source>
        <translation>Probability (%)</translation>
    </message>
</context>
<context>
    <name>advlens::ui::TransferExamples</name>
    <message>
        <source>Click a cell of the heat map to see the images that crossed over.</source>
        <translation>Click a cell of the heat map to see the images that crossed over.</translation>
    </message>
    <message>
        <source>true: %1</source>
        <translation>true: %1</translation>
    </message>
    <message>
        <source>target: %1</source>
        <translation>target: %1</translation>
    </message>
    <message>
        <source>says: %1</source>
        <translation>says: %1</translation>
    </message>
    <message>
        <source>Made on %1 by %2, classified by %3: %4 of %5 examples reached the attack&apos;s goal (top: clean, bottom: adversarial).</source>
        <translation>Made on %1 by %2, classified by %3: %4 of %5 examples reached the attack&apos;s goal (top: clean, bottom: adversarial).</translation>
    </message>
</context>
<context>
    <name>advlens::ui::TransferHeatmap</name>
    <message>
        <source>rate (%)</source>
        <translation>rate (%)</translation>
    </message>
    <message>
        <source>evaluated on (target)</source>
        <translation>evaluated on (target)</translation>
    </message>
    <message>
        <source>made on (source)</source>
        <translation>made on (source)</translation>
    </message>
    <message>
        <source>%1, targeted: top-5 match rate (%)</source>
        <translation>%1, targeted: top-5 match rate (%)</translation>
    </message>
    <message>
        <source>%1, untargeted: success rate (%)</source>
        <translation>%1, untargeted: success rate (%)</translation>
    </message>
</context>
<context>
    <name>advlens::ui::UnfinishedStudy</name>
    <message>
        <source>Every part of this study is computed, but results.json is missing: run the study once more on this folder to assemble it.</source>
        <translation>Every part of this study is computed, but results.json is missing: run the study once more on this folder to assemble it.</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This study is not finished: %1 of its %n work item(s) are missing</source>
        <translation>
            <numerusform>This study is not finished: %1 of its %n work item is missing</numerusform>
            <numerusform>This study is not finished: %1 of its %n work items are missing</numerusform>
        </translation>
    </message>
    <message>
        <source>Run the study again on this folder, or the shares that did not finish, to complete it.</source>
        <translation>Run the study again on this folder, or the shares that did not finish, to complete it.</translation>
    </message>
    <message>
        <source>This folder holds an unfinished study, but what is missing cannot be told: %1</source>
        <translation>This folder holds an unfinished study, but what is missing cannot be told: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore the adversarial robustness of image classifiers.</source>
        <translation>Explore the adversarial robustness of image classifiers.</translation>
    </message>
    <message>
        <source>Model metadata .json to open (default: the last model, else the zoo&apos;s lenet-plain).</source>
        <translation>Model metadata .json to open (default: the last model, else the zoo&apos;s lenet-plain).</translation>
    </message>
    <message>
        <source>path</source>
        <translation>path</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Compute device: cpu, cuda or auto.</source>
        <translation>Compute device: cpu, cuda or auto.</translation>
    </message>
    <message>
        <source>device</source>
        <translation>device</translation>
    </message>
    <message>
        <source>advlens: --threads needs a whole number ≥ 0.
</source>
        <translation>advlens: --threads needs a whole number ≥ 0.
</translation>
    </message>
    <message>
        <source>LibTorch threads; 0 means all cores but one.</source>
        <translation>LibTorch threads; 0 means all cores but one.</translation>
    </message>
    <message>
        <source>An image to open (PNG, JPEG, …).</source>
        <translation>An image to open (PNG, JPEG, …).</translation>
    </message>
    <message>
        <source>%1. Running on the CPU instead.</source>
        <translation>%1. Running on the CPU instead.</translation>
    </message>
</context>
</TS>
