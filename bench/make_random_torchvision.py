#!/usr/bin/python3
"""Random-weight torchvision classifiers as TorchScript + AdvLens metadata, for benches.

    /usr/bin/python3 make_random_torchvision.py OUTDIR [resnet18 resnet50 ...]

Writes OUTDIR/<arch>.pt (torch.jit.script of torchvision.models.<arch>(weights=None)
in eval mode, seeded) and OUTDIR/<arch>.json (README "Model metadata": 3×224×224,
ImageNet mean/std declared so attacks work in pixel space, 1000 classes named
"class 0".."class 999"). Nothing is downloaded. Files already there are kept;
new ones are written to a temporary name and renamed, so a bench that runs
while another creates the models never reads half a file.
"""
import json
import os
import sys

import torch
import torchvision

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
NUM_CLASSES = 1000


def write_atomically(path, write):
    temporary = f"{path}.tmp{os.getpid()}"
    write(temporary)
    os.replace(temporary, path)


def make(arch, folder):
    weights = os.path.join(folder, arch + ".pt")
    metadata = os.path.join(folder, arch + ".json")
    if os.path.exists(weights) and os.path.exists(metadata):
        return
    torch.manual_seed(0)  # the same "random" model on every machine
    model = getattr(torchvision.models, arch)(weights=None, num_classes=NUM_CLASSES).eval()
    scripted = torch.jit.script(model)
    write_atomically(weights, scripted.save)
    meta = {
        "format": "advlens-model/1",
        "name": arch + "-random",
        "kind": "torchscript",
        "architecture": f"torchvision {arch} (random weights, seed 0)",
        "weights": arch + ".pt",
        "input": {"channels": 3, "height": 224, "width": 224},
        "mean": IMAGENET_MEAN,
        "std": IMAGENET_STD,
        "classes": [f"class {i}" for i in range(NUM_CLASSES)],
        "preprocess": {"resize": "shorter-side-center-crop", "resize_shorter_side": 256,
                       "interpolation": "bilinear"},
    }

    def dump(path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(meta, f, indent=1)

    write_atomically(metadata, dump)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    for arch in sys.argv[2:] or ["resnet18", "resnet50"]:
        make(arch, folder)
        print(os.path.join(folder, arch + ".json"))


if __name__ == "__main__":
    main()
