#!/usr/bin/python3
"""APGD-CE, APGD-DLR and APGD-T in AdvLens against the authors' AutoAttack
code, on the same model, images and settings.

    /usr/bin/python3 bench/compare_apgd.py --autoattack DIR --cli build/app/advlens-cli
        [--images 1000] [--norm linf] [--eps 0.1] [--steps 100] [--threads 2] [--work DIR]
        [--attacks apgd-ce,apgd-dlr,apgd-t]

DIR is a checkout of https://github.com/fra31/auto-attack (the folder that
holds the `autoattack` package); nothing is downloaded here. The script trains
(once per --work folder) a small Fashion-MNIST CNN with Debian's python3-torch,
saves it as TorchScript with AdvLens metadata (pixels in [0, 1], no
normalisation, so both sides see the same function), then runs on the first N
test images:

  reference  APGDAttack(loss='ce'), APGDAttack(loss='dlr') and
             APGDAttack_targeted (9 target classes), 1 restart, `--steps`
             iterations, seed 0
  advlens    advlens-cli eval --attack apgd-ce / apgd-dlr / apgd-t with the
             same settings

and prints robust accuracy (%) and seconds of each (--attacks picks which of
the three run; all by default). The two draw different random starts, so
expect agreement within a point or so, not to the image.
"""
import argparse
import gzip
import json
import pathlib
import subprocess
import sys
import time

import numpy
import torch
import torch.nn as nn
import torch.nn.functional as F

FASHION = pathlib.Path("/usr/share/datasets/fashion-mnist")
ATTACKS = ("apgd-ce", "apgd-dlr", "apgd-t")
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read_idx(name):
    with gzip.open(FASHION / name, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return numpy.frombuffer(data, dtype=numpy.uint8, offset=4 + 4 * dims).reshape(shape)


def images(split):
    prefix = "train" if split == "train" else "t10k"
    x = torch.from_numpy(read_idx(f"{prefix}-images-idx3-ubyte.gz").astype(numpy.float32) / 255.0).unsqueeze(1)
    y = torch.from_numpy(read_idx(f"{prefix}-labels-idx1-ubyte.gz").astype(numpy.int64))
    return x, y


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(64 * 5 * 5, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def model_files(work):
    """The TorchScript model and its metadata, trained on first use."""
    metadata = work / "apgd-cnn.json"
    weights = work / "apgd-cnn.pt"
    if metadata.exists() and weights.exists():
        return metadata, torch.jit.load(str(weights)).eval()
    torch.manual_seed(0)
    x, y = images("train")
    net = SmallCnn()
    optimiser = torch.optim.Adam(net.parameters(), lr=1e-3)
    for epoch in range(2):
        order = torch.randperm(len(x))
        for first in range(0, len(x), 128):
            batch = order[first:first + 128]
            optimiser.zero_grad()
            F.cross_entropy(net(x[batch]), y[batch]).backward()
            optimiser.step()
        print(f"trained epoch {epoch + 1}", file=sys.stderr)
    scripted = torch.jit.script(net.eval())
    scripted.save(str(weights))
    metadata.write_text(json.dumps({
        "format": "advlens-model/1", "name": "apgd-cnn", "kind": "torchscript",
        "architecture": "small CNN (compare_apgd.py)", "weights": weights.name,
        "input": {"channels": 1, "height": 28, "width": 28}, "mean": [0.0], "std": [1.0], "classes": CLASSES,
    }, indent=1) + "\n", encoding="utf-8")
    return metadata, scripted


def reference(args, model, x, y):
    sys.path.insert(0, str(args.autoattack))
    from autoattack.autopgd_base import APGDAttack, APGDAttack_targeted

    norm = {"linf": "Linf", "l2": "L2"}[args.norm]
    attacks = {
        "apgd-ce": lambda: APGDAttack(model, n_iter=args.steps, norm=norm, n_restarts=1, eps=args.eps, seed=0,
                                      loss="ce", device="cpu"),
        "apgd-dlr": lambda: APGDAttack(model, n_iter=args.steps, norm=norm, n_restarts=1, eps=args.eps, seed=0,
                                       loss="dlr", device="cpu"),
        "apgd-t": lambda: APGDAttack_targeted(model, n_iter=args.steps, norm=norm, n_restarts=1, eps=args.eps,
                                              seed=0, n_target_classes=9, device="cpu"),
    }
    rows = {}
    for name in args.attacks:
        attack = attacks[name]()
        start = time.perf_counter()
        with torch.no_grad():
            clean = model(x).argmax(1) == y
        adversarial = attack.perturb(x, y)
        with torch.no_grad():
            robust = (model(adversarial).argmax(1) == y) & clean
        rows[name] = (100.0 * robust.float().mean().item(), time.perf_counter() - start)
    return rows


def advlens(args, metadata):
    rows = {}
    for name in args.attacks:
        out = args.work / f"advlens-{name}"
        start = time.perf_counter()
        subprocess.run([str(args.cli), "eval", "--model", str(metadata), "--attack", name, "--norm", args.norm,
                        "--eps", str(args.eps), "--steps", str(args.steps), "--limit", str(args.images),
                        "--no-checks", "--threads", str(args.threads), "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        point = json.loads(out.with_suffix(".json").read_text())["points"][0]
        rows[name] = (100.0 * point["robust_accuracy"], seconds)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--autoattack", type=pathlib.Path, required=True)
    parser.add_argument("--cli", type=pathlib.Path, default=pathlib.Path("build/app/advlens-cli"))
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--norm", choices=["linf", "l2"], default="linf")
    parser.add_argument("--eps", type=float, default=0.1)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("compare-apgd"))
    parser.add_argument("--attacks", default=",".join(ATTACKS),
                        help="comma-separated, from " + ", ".join(ATTACKS) + " (default: all)")
    args = parser.parse_args()
    args.attacks = [name.strip() for name in args.attacks.split(",") if name.strip()]
    unknown = sorted(set(args.attacks) - set(ATTACKS))
    if unknown or not args.attacks:
        parser.error(f"--attacks: unknown {', '.join(unknown) or '(none given)'}; choose from {', '.join(ATTACKS)}")
    args.work.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(args.threads)

    metadata, model = model_files(args.work)
    x, y = images("test")
    x, y = x[:args.images], y[:args.images]
    with torch.no_grad():
        clean = 100.0 * (model(x).argmax(1) == y).float().mean().item()
    print(f"model {metadata}, clean accuracy {clean:.1f} % on {args.images} images; "
          f"{args.norm} eps {args.eps}, {args.steps} steps, 1 restart")
    ours = advlens(args, metadata)
    theirs = reference(args, model, x, y)
    print(f"{'attack':8} {'reference %':>12} {'advlens %':>10} {'difference':>11} {'reference s':>12} {'advlens s':>10}")
    for name in args.attacks:
        (r, rs), (a, s) = theirs[name], ours[name]
        print(f"{name:8} {r:12.1f} {a:10.1f} {a - r:+11.1f} {rs:12.1f} {s:10.1f}")


if __name__ == "__main__":
    main()
