#!/usr/bin/env python3
"""Makes the TorchScript models whose input gradients tst_gradientfidelity
checks against PyTorch's own, with Debian's python3-torch (no downloads).

For each model NAME it writes NAME.pt, NAME.json (AdvLens metadata, with a
mean/std so normalisation is part of the gradient), NAME-input.npy (4 images
in pixel space) and NAME-gradient.npy: the gradient of the summed
cross-entropy of the loaded file's logits for labels 0, 1, 2, 3 with respect
to the pixels, computed by PyTorch's autograd on the file as
torch.jit.load reads it back (so traced and scripted semantics are what the
file holds). A model whose logits do not depend on its input through
autograd gets an all-zero gradient, which is what the derivative is; one
that PyTorch cannot differentiate at all gets no gradient file.

    make-gradient-models.py OUT_DIR
"""

import json
import pathlib
import sys
from typing import Dict, Tuple

import numpy
import torch
import torch.nn.functional as F

CHANNELS, SIZE, CLASSES = 3, 12, 5
MEAN, STD = [0.5, 0.4, 0.3], [0.25, 0.2, 0.3]


class Cnn(torch.nn.Module):
    """The common trunk: conv, batch norm with non-trivial statistics, ReLU, linear."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(CHANNELS, 6, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(6)
        self.fc = torch.nn.Linear(6 * (SIZE // 2) ** 2, CLASSES)
        with torch.no_grad():
            self.bn.running_mean.uniform_(-0.5, 0.5)
            self.bn.running_var.uniform_(0.5, 2.0)
            self.bn.weight.uniform_(0.5, 1.5)
            self.bn.bias.uniform_(-0.2, 0.2)

    def forward(self, x):
        x = F.max_pool2d(torch.relu(self.bn(self.conv(x))), 2)
        return self.fc(x.flatten(1))


class StraightThrough(torch.nn.Module):
    """8-bit quantisation with a straight-through gradient (the BPDA idiom)."""

    def __init__(self):
        super().__init__()
        self.cnn = Cnn()

    def forward(self, x):
        return self.cnn(x + (torch.round(x * 255) / 255 - x).detach())


class DetachedInput(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = Cnn()

    def forward(self, x):
        return self.cnn(x.detach())


class NoGradBranch(torch.nn.Module):
    """A bias computed without gradients added to a differentiable path."""

    def __init__(self):
        super().__init__()
        self.cnn = Cnn()
        self.side = torch.nn.Linear(CHANNELS * SIZE * SIZE, CLASSES)

    def forward(self, x):
        with torch.no_grad():
            bias = self.side(x.flatten(1))
        return self.cnn(x) + bias


class ControlFlow(torch.nn.Module):
    """Scripted, not traced: data-dependent branches and a loop."""

    def __init__(self):
        super().__init__()
        self.cnn = Cnn()

    def forward(self, x):
        if bool(x.mean() > 0.5):
            x = x * 0.5
        for _ in range(2):
            x = torch.tanh(x) + x
        return self.cnn(x)


class TupleOutput(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = Cnn()

    def forward(self, x) -> Tuple[torch.Tensor, torch.Tensor]:
        logits = self.cnn(x)
        return logits, logits.softmax(1)


class DictOutput(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = Cnn()

    def forward(self, x) -> Dict[str, torch.Tensor]:
        logits = self.cnn(x)
        return {"features": x.mean((2, 3)), "logits": logits}


class TracedAttention(torch.nn.Module):
    """Self-attention over 4×4 patches. Traced under torch.no_grad() in
    evaluation mode, nn.MultiheadAttention takes its inference fast path
    (aten::_native_multi_head_attention), which has no derivative: the file
    predicts but cannot be differentiated, as torchvision's ViT exported that way."""

    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Conv2d(CHANNELS, 8, 4, stride=4)
        self.attention = torch.nn.MultiheadAttention(8, 2, batch_first=True)
        self.head = torch.nn.Linear(8, CLASSES)

    def forward(self, x):
        tokens = self.embed(x).flatten(2).transpose(1, 2)
        attended, _ = self.attention(tokens, tokens, tokens, need_weights=False)
        return self.head(attended.mean(1))


def logits_of(output):
    if isinstance(output, dict):
        return output["logits"]
    if isinstance(output, (tuple, list)):
        return output[0]
    return output


def write(out, name, module, how):
    torch.manual_seed(0)
    module.eval()
    example = torch.rand(2, CHANNELS, SIZE, SIZE)
    if how == "trace-no-grad":
        with torch.no_grad():
            scripted = torch.jit.trace(module, example, check_trace=False)
    elif how == "trace":
        scripted = torch.jit.trace(module, example, check_trace=False)
    else:
        scripted = torch.jit.script(module)
    weights = out / f"{name}.pt"
    scripted.save(str(weights))
    loaded = torch.jit.load(str(weights))

    pixels = torch.rand(4, CHANNELS, SIZE, SIZE, generator=torch.Generator().manual_seed(7))
    labels = torch.arange(4) % CLASSES
    x = pixels.clone().requires_grad_(True)
    mean, std = torch.tensor(MEAN).view(1, 3, 1, 1), torch.tensor(STD).view(1, 3, 1, 1)
    logits = logits_of(loaded((x - mean) / std))
    numpy.save(out / f"{name}-input.npy", pixels.numpy().astype("<f4"))
    gradient_file = out / f"{name}-gradient.npy"
    gradient_file.unlink(missing_ok=True)
    try:
        if logits.requires_grad:
            loss = F.cross_entropy(logits, labels, reduction="sum")
            (gradient,) = torch.autograd.grad(loss, x, allow_unused=True)
            gradient = torch.zeros_like(pixels) if gradient is None else gradient
        else:
            gradient = torch.zeros_like(pixels)
    except RuntimeError as error:  # no derivative: no gradient file, as the test expects
        print(f"{name}: {how}, PyTorch cannot differentiate it ({str(error).splitlines()[0]})")
        gradient = None
    if gradient is not None:
        numpy.save(gradient_file, gradient.numpy().astype("<f4"))
    metadata = {
        "format": "advlens-model/1",
        "name": name,
        "kind": "torchscript",
        "architecture": f"gradient fixture ({how})",
        "weights": weights.name,
        "input": {"channels": CHANNELS, "height": SIZE, "width": SIZE},
        "mean": MEAN,
        "std": STD,
        "classes": [f"class {i}" for i in range(CLASSES)],
    }
    (out / f"{name}.json").write_text(json.dumps(metadata, indent=1) + "\n", encoding="utf-8")
    if gradient is not None:
        print(f"{name}: {how}, gradient non-zero on {int((gradient != 0).sum())} of {gradient.numel()} pixels")


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    models = [
        ("plain-cnn", Cnn, "trace"),
        ("plain-cnn-scripted", Cnn, "script"),
        ("straight-through", StraightThrough, "trace"),
        ("straight-through-scripted", StraightThrough, "script"),
        ("detached-input", DetachedInput, "script"),
        ("no-grad-branch", NoGradBranch, "script"),
        ("control-flow", ControlFlow, "script"),
        ("tuple-output", TupleOutput, "trace"),
        ("dict-output", DictOutput, "script"),
        ("attention-no-grad-trace", TracedAttention, "trace-no-grad"),
    ]
    for name, make, how in models:
        torch.manual_seed(len(name))
        write(out, name, make(), how)


if __name__ == "__main__":
    main()
