#!/usr/bin/python3
"""The Python half of bench_imagenet: FGSM or PGD as a plain PyTorch eager loop.

    /usr/bin/python3 eager_attack.py --model M.json --attack fgsm|pgd --batch N
        --threads T [--eps 4/255] [--alpha 1/255] [--steps 10]
        [--warmup 1] [--repeats 5] [--seed 0]

Loads the TorchScript file named in the AdvLens metadata M.json with
torch.jit.load and normalises with the metadata's mean/std inside the loop, as
our wrapper does, so ε is in pixel units. The parameters are frozen
(requires_grad False), as our classifier freezes them.

  bare   FGSM: one forward+backward, sign step, clamp to [0, 1].
         PGD:  random start in the ε-ball, then steps × (forward+backward,
               sign step of α, projection into the ε-ball, clamp).
  checked  the same plus the no-grad forwards any attack needs to report its
         result: the adversarial batch's logits (FGSM, PGD) and, with a random
         start, the clean batch's (PGD); what core::Fgsm / core::Pgd run.

The two variants alternate after one warm-up of each; prints one line that
bench_imagenet parses:

    EAGER bare_ms=… checked_ms=… batch=N threads=T maxrss_kb=…

(ms per image, medians over the repeats; maxrss_kb: the process's peak RSS).
"""
import argparse
import json
import os
import resource
import statistics
import time

import torch
import torch.nn.functional as F


def fraction(text):
    if "/" in text:
        a, b = text.split("/")
        return float(a) / float(b)
    return float(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--attack", choices=["fgsm", "pgd"], required=True)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--eps", type=fraction, default=4 / 255)
    parser.add_argument("--alpha", type=fraction, default=1 / 255)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    with open(args.model, encoding="utf-8") as f:
        meta = json.load(f)
    weights = os.path.join(os.path.dirname(os.path.abspath(args.model)), meta["weights"])
    model = torch.jit.load(weights, map_location="cpu").eval()
    for p in model.parameters():
        p.requires_grad_(False)
    mean = torch.tensor(meta["mean"]).view(1, -1, 1, 1)
    std = torch.tensor(meta["std"]).view(1, -1, 1, 1)
    spec = meta["input"]
    n = args.batch
    torch.manual_seed(args.seed)
    x = torch.rand(n, spec["channels"], spec["height"], spec["width"])
    y = torch.randint(len(meta["classes"]), (n,))
    eps, alpha = args.eps, args.alpha

    def gradient(xa):
        xa = xa.detach().requires_grad_(True)
        loss = F.cross_entropy(model((xa - mean) / std), y, reduction="sum")
        (g,) = torch.autograd.grad(loss, xa)
        return g

    def predict(xa):
        with torch.no_grad():
            return model((xa - mean) / std)

    def fgsm(checked):
        adv = (x + eps * gradient(x).sign()).clamp(0, 1)
        if checked:
            predict(adv)
        return adv

    def pgd(checked):
        if checked:
            predict(x)
        adv = (x + torch.empty_like(x).uniform_(-eps, eps)).clamp(0, 1)
        for _ in range(args.steps):
            g = gradient(adv)
            adv = (x + (adv + alpha * g.sign() - x).clamp(-eps, eps)).clamp(0, 1)
        if checked:
            predict(adv)
        return adv

    attack = fgsm if args.attack == "fgsm" else pgd
    for _ in range(args.warmup):
        attack(False)
        attack(True)
    times = {False: [], True: []}
    for _ in range(args.repeats):
        for checked in (False, True):
            start = time.perf_counter()
            attack(checked)
            times[checked].append(time.perf_counter() - start)
    ms = {k: 1e3 * statistics.median(v) / n for k, v in times.items()}
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"EAGER bare_ms={ms[False]:.3f} checked_ms={ms[True]:.3f} batch={n} "
          f"threads={torch.get_num_threads()} maxrss_kb={maxrss}", flush=True)


if __name__ == "__main__":
    main()
