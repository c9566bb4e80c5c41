#!/usr/bin/python3
"""Runs app/export/advlens-export-model on a small network made here, so a
test sees what the exporter keeps and what it refuses:

    export-custom-model.py EXPORTER KIND OUT

KIND is "plain" (kept) or "no-grad-branch": part of the forward pass runs
under torch.no_grad(), which tracing does not record, so the traced file
predicts exactly as the network does but its input gradient is not the
network's, and the exporter must refuse to leave it behind."""
import importlib.machinery
import importlib.util
import pathlib
import sys

import torch


class Net(torch.nn.Module):
    def __init__(self, no_grad_branch):
        super().__init__()
        self.no_grad_branch = no_grad_branch
        self.conv = torch.nn.Conv2d(3, 4, 3)
        self.fc = torch.nn.Linear(4, 10)

    def forward(self, x):
        scale = torch.ones(1)
        if self.no_grad_branch:
            with torch.no_grad():
                scale = (x * 10).sum(dim=(1, 2, 3), keepdim=True)
        return self.fc(self.conv(x * scale).mean(dim=(2, 3)))


def main():
    exporter_path, kind, out = sys.argv[1:4]
    loader = importlib.machinery.SourceFileLoader("advlens_export_model", exporter_path)
    exporter = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(exporter)

    torch.manual_seed(0)
    net = Net(kind == "no-grad-branch").eval()
    pre = {"crop": 16, "resize": 16, "interpolation": "bilinear", "mean": [0.5] * 3, "std": [0.25] * 3}
    exporter.torchvision_model = lambda args: (net, pre, f"test net ({kind})")
    folder = pathlib.Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    classes = folder / "classes.txt"
    classes.write_text("".join(f"class {i}\n" for i in range(10)), encoding="utf-8")
    sys.argv = ["advlens-export-model", "torchvision", "net", "--random-weights", "--trace",
                "--out", str(folder), "--classes", str(classes)]
    exporter.main()


if __name__ == "__main__":
    main()
