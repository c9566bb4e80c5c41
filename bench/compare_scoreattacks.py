#!/usr/bin/python3
"""NES and SPSA in AdvLens against reference Python code, on the same model,
images and query budget.

    /usr/bin/python3 bench/compare_scoreattacks.py --cleverhans DIR [--cli build/app/advlens-cli]
        [--images 100] [--norm linf] [--eps 0.1] [--queries 2000] [--threads 2] [--work DIR] [--no-advlens]

DIR holds the `cleverhans` package of https://github.com/cleverhans-lab/cleverhans
(nothing is downloaded here). The model is compare_apgd.py's small
Fashion-MNIST CNN (trained once per --work folder). On the first N test images:

  spsa  reference: cleverhans.torch.attacks.spsa (the CleverHans authors' code
        for Uesato et al. 2018: uniform start, Rademacher probes, margin loss,
        Adam lr 0.01, delta 0.01), per image, with spsa_samples = 64 pairs and
        nb_iter = the iterations AdvLens's rule allows in the budget,
        ⌊(queries − 1)/129⌋; it does not stop once fooled and keeps its last
        iterate, so it can only be weaker by that.
  nes   reference: a short PyTorch loop written here from Ilyas et al. 2018
        (not the authors' TensorFlow code): 25 Gaussian antithetic pairs,
        sigma 0.001, the logit margin, sign steps of eps/4, projection; same
        iteration count rule, ⌊(queries − 1)/51⌋, stops per image once fooled.
  advlens: advlens-cli eval --attack nes / spsa --set queries=Q (needs the
        attacks registered with the CLI; --no-advlens skips this side).

Prints robust accuracy (%) and seconds of each side. Random draws differ, so
expect agreement within a few points on 100 images, not to the image.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import time

import numpy
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_apgd import images, model_files  # noqa: E402


def margin(logits, y):
    """max_{j≠y} z_j − z_y: positive once the image is fooled."""
    own = logits.gather(1, y[:, None]).squeeze(1)
    other = logits.clone()
    other.scatter_(1, y[:, None], float("-inf"))
    return other.max(1).values - own


def project(x, candidate, eps, norm):
    delta = candidate - x
    if norm == "linf":
        delta = delta.clamp(-eps, eps)
    else:
        size = delta.flatten(1).norm(dim=1).clamp_min(1e-12).view(-1, 1, 1, 1)
        delta = delta * (eps / size).clamp(max=1.0)
    return (x + delta).clamp(0.0, 1.0)


@torch.no_grad()
def nes_reference(model, x, y, eps, norm, queries, pairs=25, sigma=1e-3, seed=0):
    generator = torch.Generator().manual_seed(seed)
    iterations = (queries - 1) // (2 * pairs + 1)
    step = eps / 4
    current = x.clone()
    active = model(x).argmax(1) == y
    for _ in range(iterations):
        rows = active.nonzero().squeeze(1)
        if len(rows) == 0:
            break
        now, labels = current[rows], y[rows]
        u = torch.randn((len(rows), pairs) + x.shape[1:], generator=generator)
        probes = torch.cat([now[:, None] + sigma * u, now[:, None] - sigma * u], 1).flatten(0, 1)
        f = margin(model(probes), labels.repeat_interleave(2 * pairs)).view(len(rows), 2, pairs)
        gradient = ((f[:, 0] - f[:, 1]).view(len(rows), pairs, 1, 1, 1) * u).sum(1) / (2 * sigma * pairs)
        if norm == "linf":
            direction = gradient.sign()
        else:
            direction = gradient / gradient.flatten(1).norm(dim=1).clamp_min(1e-12).view(-1, 1, 1, 1)
        nxt = project(x[rows], now + step * direction, eps, norm)
        current[rows] = nxt
        active[rows] = model(nxt).argmax(1) == labels
    return current


def spsa_reference(model, x, y, eps, norm, queries, cleverhans, pairs=64, seed=0):
    sys.path.insert(0, str(cleverhans))
    from cleverhans.torch.attacks.spsa import spsa

    torch.manual_seed(seed)
    iterations = (queries - 1) // (2 * pairs + 1)
    return spsa(model, x, eps, iterations, norm=numpy.inf if norm == "linf" else 2, clip_min=0.0, clip_max=1.0,
                y=y, learning_rate=0.01, delta=0.01, spsa_samples=pairs, sanity_checks=False)


def reference(args, model, x, y):
    rows = {}
    with torch.no_grad():
        clean = model(x).argmax(1) == y
    for name, attack in (
        ("nes", lambda: nes_reference(model, x, y, args.eps, args.norm, args.queries)),
        ("spsa", lambda: spsa_reference(model, x, y, args.eps, args.norm, args.queries, args.cleverhans)),
    ):
        start = time.perf_counter()
        adversarial = attack()
        with torch.no_grad():
            robust = (model(adversarial).argmax(1) == y) & clean
        rows[name] = (100.0 * robust.float().mean().item(), time.perf_counter() - start)
    return rows


def advlens(args, metadata):
    rows = {}
    for name in ("nes", "spsa"):
        out = args.work / f"advlens-{name}"
        start = time.perf_counter()
        subprocess.run([str(args.cli), "eval", "--model", str(metadata), "--attack", name, "--norm", args.norm,
                        "--eps", str(args.eps), "--set", f"queries={args.queries}", "--limit", str(args.images),
                        "--no-checks", "--threads", str(args.threads), "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        point = json.loads(out.with_suffix(".json").read_text())["points"][0]
        rows[name] = (100.0 * point["robust_accuracy"], seconds)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cleverhans", type=pathlib.Path, required=True)
    parser.add_argument("--cli", type=pathlib.Path, default=pathlib.Path("build/app/advlens-cli"))
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--norm", choices=["linf", "l2"], default="linf")
    parser.add_argument("--eps", type=float, default=0.1)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("compare-apgd"))
    parser.add_argument("--no-advlens", action="store_true", help="run the reference side only")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(args.threads)

    metadata, model = model_files(args.work)
    x, y = images("test")
    x, y = x[:args.images], y[:args.images]
    with torch.no_grad():
        clean = 100.0 * (model(x).argmax(1) == y).float().mean().item()
    print(f"model {metadata}, clean accuracy {clean:.1f} % on {args.images} images; "
          f"{args.norm} eps {args.eps}, {args.queries} queries per image")
    theirs = reference(args, model, x, y)
    ours = {} if args.no_advlens else advlens(args, metadata)
    print(f"{'attack':8} {'reference %':>12} {'advlens %':>10} {'reference s':>12} {'advlens s':>10}")
    for name in ("nes", "spsa"):
        r, rs = theirs[name]
        a, s = ours.get(name, (float("nan"), float("nan")))
        print(f"{name:8} {r:12.1f} {a:10.1f} {rs:12.1f} {s:10.1f}")


if __name__ == "__main__":
    main()
