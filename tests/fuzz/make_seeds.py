#!/usr/bin/python3
"""Writes the seed corpora under tests/fuzz/corpus/<target>/ (README.md).

Run with Debian's /usr/bin/python3 (PIL and torch 1.13). The seeds are
committed; run this again only to change them. Small on purpose: a few
valid inputs per target, each well under 50 kB, from which libFuzzer mutates.
"""

import io
import json
import os
import shutil
import tempfile

import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def encoded(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def images():
    """Tiny images in every format imageheader reads (GIF too, which the decoder refuses)."""
    rgb = Image.new("RGB", (7, 5))
    for x in range(7):
        for y in range(5):
            rgb.putpixel((x, y), (x * 36, y * 50, (x + y) * 20))
    grey = rgb.convert("L")
    rgba = rgb.convert("RGBA")
    seeds = {
        "rgb.png": encoded(rgb, "PNG"),
        "grey.png": encoded(grey, "PNG"),
        "rgba.png": encoded(rgba, "PNG"),
        "grey16.png": encoded(grey.convert("I;16"), "PNG"),
        "palette.png": encoded(rgb.convert("P"), "PNG"),
        "baseline.jpg": encoded(rgb, "JPEG", quality=80),
        "progressive.jpg": encoded(rgb, "JPEG", quality=80, progressive=True),
        "grey.jpg": encoded(grey, "JPEG", quality=80),
        "rgb.bmp": encoded(rgb, "BMP"),
        "grey.bmp": encoded(grey, "BMP"),
        "rgb.gif": encoded(rgb.convert("P"), "GIF"),
        "lossy.webp": encoded(rgb, "WEBP", quality=80),
        "lossless.webp": encoded(rgb, "WEBP", lossless=True),
        "alpha.webp": encoded(rgba, "WEBP", quality=80),
        "rgb.ppm": encoded(rgb, "PPM"),
        "grey.pgm": b"P2\n# a comment\n3 2\n255\n0 128 255\n255 128 0\n",
        "bits.pbm": b"P1\n4 2\n0 1 0 1\n1 0 1 0\n",
        "rgb.tiff": encoded(rgb, "TIFF"),
    }
    for name, data in seeds.items():
        write("fuzz_imageheader", name, data)
        write("fuzz_imagedecode", name, data)
    # Headers alone: what imageheader must answer without the rest of the file.
    write("fuzz_imageheader", "header-only.png", seeds["rgb.png"][:33])
    write("fuzz_imageheader", "vp8x-header.webp", b"RIFF\x24\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x10\x00\x00\x00"
                                                  b"\x06\x00\x00\x04\x00\x00")
    write("fuzz_imageheader", "os2.bmp", b"BM" + b"\x00" * 12 + b"\x0c\x00\x00\x00\x07\x00\x05\x00\x01\x00\x18\x00")


def model_metadata():
    base = {"format": "advlens-model/1", "name": "lenet-plain", "kind": "native", "architecture": "lenet",
            "weights": "lenet-plain.pt", "input": {"channels": 1, "height": 28, "width": 28},
            "mean": [0.5], "std": [0.25], "classes": ["T-shirt", "Trouser", "Pullover"]}
    write("fuzz_modelmetadata", "native.json", json.dumps(base, indent=2))
    trained = dict(base, training={
        "dataset": "fashion-mnist", "recipe": "deepdefense", "epochs": 5, "batch_size": 128, "learning_rate": 0.01,
        "schedule": "cosine", "augmentation": "hflip", "seed": 7, "train_images": 24000,
        "adversarial_epsilon": 0.1, "adversarial_steps": 7, "reference": "lenet-plain",
        "deep_defense": {"lambda": 15.0, "c": 25.0, "d": 5.0, "deepfool_iterations": 5, "candidates": 10,
                         "overshoot": 0.02},
        "seconds": 12.5, "threads": 1}, clean_accuracy=0.91, evaluated_images=10000)
    write("fuzz_modelmetadata", "trained.json", json.dumps(trained))
    imagenet = {"name": "resnet18", "kind": "torchscript", "weights": "resnet18.pt",
                "input": {"channels": 3, "height": 224, "width": 224},
                "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                "labels_file": "classes.tsv",
                "output_subset": {"name": "imagenet-a", "indices": [6, 11, 13]},
                "preprocess": {"resize": "shorter-side-center-crop", "resize_shorter_side": 256,
                               "interpolation": "bicubic", "antialias": True}}
    write("fuzz_modelmetadata", "torchscript-labels.json", json.dumps(imagenet))
    ids = dict(imagenet, labels_file="ids.tsv", class_ids=["n01", "n02"])
    del ids["output_subset"]
    ids["preprocess"] = {"resize": "stretch", "interpolation": "area"}
    write("fuzz_modelmetadata", "class-ids.json", json.dumps(ids))
    plain_labels = {key: value for key, value in base.items() if key != "classes"}
    plain_labels.update(kind="torchscript", labels_file="labels.txt")
    write("fuzz_modelmetadata", "labels-txt.json", json.dumps(plain_labels))


def study_configs():
    write("fuzz_studyconfig", "robustness.json", json.dumps({
        "study": "robustness", "title": "Accuracy vs robustness", "models": ["mlp-plain", "lenet-plain"],
        "data": "fashion-mnist", "split": "test", "images": 100, "seed": 0,
        "settings": {"ifgsm_steps": 10, "cw": {"binary_search_steps": 5}}}, indent=2))
    write("fuzz_studyconfig", "transfer.json", json.dumps({
        "study": "transfer", "models": ["my/model.json", "local", "vgg-plain"], "images": 50, "batch_size": 16,
        "settings": {"attacks": [{"attack": "fgsm", "eps": 0.15}, {"attack": "bim", "eps": 0.15, "steps": 5}],
                     "examples": 4}}))
    write("fuzz_studyconfig", "curves.json", json.dumps({
        "study": "curves", "models": ["lenet-plain"], "split": "train", "images": 20, "seed": 18446744073709551615,
        "settings": {"curves": [{"attack": "pgd", "norm": "linf", "axis": "epsilon"}]}}))
    write("fuzz_studyconfig", "defences.json", json.dumps({
        "study": "defences", "title": "defences", "models": ["mlp-plain", "local.json"], "data": "images/",
        "settings": {}}))


def study_results():
    def model(name, family, error, distortion):
        return {"name": name, "family": family, "architecture": family, "parameters": 1000, "accuracy": 1 - error,
                "error": error, "metrics": {"ifgsm-linf": {"mean": distortion, "found": 10, "attacked": 12}}}
    write("fuzz_studyresults", "robustness.json", json.dumps({
        "study": "robustness", "title": "synthetic", "data": "fashion-mnist", "split": "test", "images": 12,
        "metrics": ["ifgsm-linf", "cw-l2"],
        "models": [model("a", "mlp", 0.05, 0.10), model("b", "lenet", 0.10, 0.20), model("c", "vgg", 0.3, None)],
        "fits": {"ifgsm-linf": {"intercept": 0.5, "slope": 0.1, "r2": 0.42, "points": 2, "valid": True}},
        "pareto": {"ifgsm-linf": ["a", "b"]}}))
    write("fuzz_studyresults", "transfer.json", json.dumps({
        "study": "transfer", "title": "transfer", "images": 10, "models": ["a", "b", "c"],
        "matrices": [{"attack": "fgsm", "targeted": False, "rates": [[1.0, 0.5, 0.25], [0.3, 0.9, None], [0, 1]]},
                     {"attack": "bim", "targeted": True, "rates": [[0.9, 0.1, 0.2]]}]}))

    def curve(defence, gradient, last, passed, axis="epsilon", norm="linf"):
        return {"model": "lenet-plain", "attack_label": "fgsm", "defence": defence, "gradient": gradient,
                "norm": norm, "axis": axis, "images": 10, "label": "fgsm " + defence,
                "points": [{"epsilon": 0.0, "steps": 1, "robust_accuracy": 0.9, "success_rate": 0.1,
                            "successes": 1, "gradient_evaluations": 10, "seconds": 0.5},
                           {"epsilon": 0.3, "steps": 10, "robust_accuracy": last}],
                "checks": [{"name": "unbounded-pgd", "passed": passed, "description": "reaches 100 %"}]}
    write("fuzz_studyresults", "curves.json", json.dumps({
        "study": "curves", "title": "curves", "images": 10,
        "curves": [curve("", "", 0.1, True), curve("", "", 0.2, False, axis="steps", norm="l2")]}))

    def row(name, recipe, accuracy, rho2, ratio):
        return {"name": name, "recipe": recipe, "accuracy": accuracy, "rho2": rho2, "rho2_ratio": ratio,
                "accuracy_change": accuracy - 0.9, "fgs_accuracy": [0.8, 0.6, 0.5]}
    write("fuzz_studyresults", "defences.json", json.dumps({
        "study": "defences", "title": "defences", "images": 10, "fgs_factors": [0.2, 0.5, 1.0],
        "table": [{"architecture": "mlp", "eps_ref": 0.0625, "eps_ref_model": "mlp-dd", "eps_ref_reached": True,
                   "rows": [row("mlp-plain", "plain", 0.9, 0.04, 1.0), row("mlp-dd", "deepdefense", 0.89, 0.06, 1.5)]}],
        "curves": [curve("", "", 0.1, True), curve("bits:2", "bpda", 0.0, True)]}))
    write("fuzz_studyresults", "not-results.json", '{"model": "x"}')


def torchscript_archives():
    class Tiny(torch.nn.Module):
        def forward(self, x):
            return x * 2

    with tempfile.TemporaryDirectory() as scratch:
        def saved(module):
            path = os.path.join(scratch, "model.pt")
            torch.jit.save(torch.jit.script(module), path)
            with open(path, "rb") as f:
                return f.read()
        layer = torch.nn.Linear(2, 2)
        with torch.no_grad():  # fixed weights: the same bytes on every run
            layer.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
            layer.bias.copy_(torch.tensor([0.5, -0.5]))
        linear = saved(layer)
        tiny = saved(Tiny())
    write("fuzz_modelarchive", "linear.pt", linear)
    write("fuzz_modelarchive", "function.pt", tiny)
    # Truncated copies: without the end record, and cut inside the directory.
    write("fuzz_modelarchive", "linear-no-end-record.pt", linear[:-22])
    directory = linear.rfind(b"PK\x01\x02")
    write("fuzz_modelarchive", "linear-cut-directory.pt", linear[:directory + 30])
    write("fuzz_modelarchive", "linear-half.pt", linear[:len(linear) // 2])


def regressions():
    """The reproducers in crashes/, all fixed: every run replays them.

    "<target>-<what>" becomes fuzz_<target>/regression-<what>; the image
    header's also go to the decoder, which reads the header first.
    """
    crashes = os.path.join(HERE, "crashes")
    for name in sorted(os.listdir(crashes)):
        short, what = name.split("-", 1)
        with open(os.path.join(crashes, name), "rb") as f:
            data = f.read()
        targets = ["fuzz_" + short] + (["fuzz_imagedecode"] if short == "imageheader" else [])
        for target in targets:
            write(target, "regression-" + what, data)


if __name__ == "__main__":
    shutil.rmtree(CORPUS, ignore_errors=True)
    images()
    model_metadata()
    study_configs()
    study_results()
    torchscript_archives()
    regressions()
