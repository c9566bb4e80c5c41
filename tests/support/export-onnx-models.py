#!/usr/bin/env python3
"""Makes the ONNX models tst_onnxmodels runs through OpenCV's DNN module, and
their TorchScript twins, with Debian's python3-torch (no downloads; the
`onnx` Python package is not needed: torch.onnx.export writes the protobuf
itself).

For each model NAME (cnn: conv, ReLU, max-pool, linear, as the zoo's LeNet;
mlp: linear layers only) it writes
    NAME.onnx, NAME.json             the ONNX export, "kind": "onnx"
    NAME-twin.pt, NAME-twin.json     the same module traced to TorchScript
    NAME-input.npy, NAME-logits.npy  4 images in pixel space and the logits
                                     PyTorch gives for them, normalisation
                                     included (the truth both files must match)
Each is trained for one quick pass over 2,000 Fashion-MNIST training images,
so that its predictions mean something (attacks need correct clean
predictions to work on). For the error messages it also writes
gridsample.onnx/.json, with an operator OpenCV 4.6 cannot import
(GridSample), and view.onnx/.json, which imports but fails when run.

    export-onnx-models.py OUT_DIR FASHION_MNIST_DIR
"""

import gzip
import json
import pathlib
import sys

import numpy
import torch
import torch.nn.functional as F

MEAN, STD = [0.2860], [0.3530]
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
TRAIN_IMAGES = 2000


class Cnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = torch.nn.Conv2d(6, 16, 5, padding=2)
        self.fc1 = torch.nn.Linear(16 * 7 * 7, 64)
        self.fc2 = torch.nn.Linear(64, len(CLASSES))

    def forward(self, x):
        x = F.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = F.max_pool2d(torch.relu(self.conv2(x)), 2)
        return self.fc2(torch.relu(self.fc1(x.flatten(1))))


class Mlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(28 * 28, 128)
        self.fc2 = torch.nn.Linear(128, len(CLASSES))

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x.flatten(1))))


class GridSample(torch.nn.Module):
    """Resamples on a fixed grid: ONNX GridSample (opset 16), which OpenCV 4.6 lacks.
    The grid is a constant for a batch of 2, the batch it is exported with."""

    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(14 * 14, len(CLASSES))
        theta = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]).expand(2, 2, 3)
        self.register_buffer("grid", F.affine_grid(theta, [2, 1, 14, 14], align_corners=False))

    def forward(self, x):
        return self.fc(F.grid_sample(x, self.grid, align_corners=False).flatten(1))


class ViewMlp(Mlp):
    """Flattens with x.view(x.size(0), -1): exported as Shape, Gather, Concat
    and Reshape, which OpenCV 4.6 sizes wrongly, so the model imports but
    fails when run."""

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x.view(x.size(0), -1))))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return numpy.frombuffer(data, dtype=numpy.uint8, offset=4 + 4 * dims).reshape(shape)


def normalise(pixels):
    return (pixels - torch.tensor(MEAN).view(1, -1, 1, 1)) / torch.tensor(STD).view(1, -1, 1, 1)


def train(module, images, labels):
    optimiser = torch.optim.Adam(module.parameters(), lr=2e-3)
    module.train()
    for start in range(0, len(images), 50):
        loss = F.cross_entropy(module(normalise(images[start : start + 50])), labels[start : start + 50])
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    module.eval()


def metadata(name, kind, weights):
    return {
        "format": "advlens-model/1",
        "name": name,
        "kind": kind,
        "architecture": f"onnx test fixture ({kind})",
        "weights": weights,
        "input": {"channels": 1, "height": 28, "width": 28},
        "mean": MEAN,
        "std": STD,
        "classes": CLASSES,
    }


def write_json(path, content):
    path.write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")


def export_onnx(module, path, opset, dynamic_batch=True):
    # A dynamic batch axis: OpenCV then sizes every layer from the input it is given.
    dynamic = {"pixels": {0: "batch"}, "logits": {0: "batch"}} if dynamic_batch else None
    torch.onnx.export(module, torch.rand(2, 1, 28, 28), str(path), input_names=["pixels"], output_names=["logits"],
                      dynamic_axes=dynamic, opset_version=opset)


def write_pair(out, name, module, images, labels):
    train(module, images, labels)
    export_onnx(module, out / f"{name}.onnx", opset=13)
    write_json(out / f"{name}.json", metadata(name, "onnx", f"{name}.onnx"))
    twin = torch.jit.trace(module, torch.rand(2, 1, 28, 28))
    twin.save(str(out / f"{name}-twin.pt"))
    write_json(out / f"{name}-twin.json", metadata(f"{name}-twin", "torchscript", f"{name}-twin.pt"))
    pixels = torch.rand(4, 1, 28, 28, generator=torch.Generator().manual_seed(11))
    with torch.no_grad():
        logits = module(normalise(pixels))
    numpy.save(out / f"{name}-input.npy", pixels.numpy().astype("<f4"))
    numpy.save(out / f"{name}-logits.npy", logits.numpy().astype("<f4"))
    with torch.no_grad():
        accuracy = (module(normalise(images)).argmax(1) == labels).float().mean().item()
    print(f"{name}: trained on {len(images)} images, training accuracy {accuracy:.3f}")


def main():
    out, data = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    images = torch.from_numpy(read_idx(data / "train-images-idx3-ubyte.gz")[:TRAIN_IMAGES].copy())
    images = images.float().div(255).unsqueeze(1)
    labels = torch.from_numpy(read_idx(data / "train-labels-idx1-ubyte.gz")[:TRAIN_IMAGES].astype("int64"))
    torch.manual_seed(0)
    write_pair(out, "cnn", Cnn(), images, labels)
    write_pair(out, "mlp", Mlp(), images, labels)
    export_onnx(GridSample().eval(), out / "gridsample.onnx", opset=16, dynamic_batch=False)
    write_json(out / "gridsample.json", metadata("gridsample", "onnx", "gridsample.onnx"))
    export_onnx(ViewMlp().eval(), out / "view.onnx", opset=13)
    write_json(out / "view.json", metadata("view", "onnx", "view.onnx"))


if __name__ == "__main__":
    main()
