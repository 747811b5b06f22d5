#!/usr/bin/python3
"""Rebuilds two bundled models in PyTorch from their exported weights and traces them to
TorchScript, the fixtures of the bring-your-own-model path (see export-torchscript.sh).

Usage: /usr/bin/python3 export_torchscript.py WEIGHTS_DIR OUT_DIR
       /usr/bin/python3 export_torchscript.py train-fashion FASHION_DIR OUT_DIR

  WEIGHTS_DIR/mnist-cnn.npz  parameters of the bundled MNIST CNN (dev.probe.examples.train.ExportWeights)
  WEIGHTS_DIR/mnist-vae.npz  parameters of the bundled MNIST VAE
  OUT_DIR/mnist-cnn.pt          classifier: [N,1,28,28] in [0,1] -> logits [N,10]
  OUT_DIR/mnist-vae-decoder.pt  decoder:    [N,5] -> [N,1,28,28] in [0,1]

Both are traced in eval() mode (dropout off). Needs Debian's python3-torch (1.13) and numpy.

train-fashion: models that no Java code trained, for the consumer project (consumer/): a small
Fashion-MNIST CNN and a Fashion-MNIST VAE with a 4-d latent, trained here in PyTorch with a fixed seed
on the committed IDX files (FASHION_DIR = examples/src/main/resources/data/fashion-mnist), then traced:
  OUT_DIR/fashion-cnn.pt          classifier: [N,1,28,28] in [0,1] -> logits [N,10]
  OUT_DIR/fashion-vae-decoder.pt  decoder:    [N,4] -> [N,1,28,28] in [0,1]
  OUT_DIR/fashion-cnn-probabilities.pt  the same CNN ending in softmax (for the misdeclaration check)
"""
import sys

import numpy as np
import torch
from torch import nn


class Cnn(nn.Module):
    """BAYES-PROBE Table 3 (left), same layer order as dev.probe.examples.models.ImageCnn."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.drop1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.drop2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        x = self.drop1(torch.max_pool2d(x, 2))
        x = torch.flatten(x, 1)
        x = self.drop2(torch.relu(self.fc1(x)))
        return self.fc2(x)


class Decoder(nn.Module):
    """The decoder of dev.probe.examples.models.Vae: FC 5x400, ReLU, FC 400x784, sigmoid, reshape."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(5, 400)
        self.fc2 = nn.Linear(400, 784)

    def forward(self, z):
        return torch.sigmoid(self.fc2(torch.relu(self.fc1(z)))).reshape(-1, 1, 28, 28)


def load_into(module, npz_path, prefix=""):
    """Copies the arrays of an .npz (DJL parameter order) into the module's parameters, in order."""
    data = np.load(npz_path)
    names = [n for n in data.files if n.startswith(prefix)]
    params = list(module.parameters())
    if len(names) != len(params):
        raise SystemExit(f"{npz_path}: {len(names)} arrays for {len(params)} parameters: {names}")
    with torch.no_grad():
        for name, p in zip(names, params):
            a = torch.from_numpy(data[name].astype(np.float32))
            if tuple(a.shape) != tuple(p.shape):
                raise SystemExit(f"{name}: shape {tuple(a.shape)} != {tuple(p.shape)}")
            p.copy_(a)
    print(f"loaded {len(params)} arrays from {npz_path}: {names}")


def main():
    weights, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    cnn = Cnn()
    load_into(cnn, f"{weights}/mnist-cnn.npz")
    cnn.eval()
    traced = torch.jit.trace(cnn, torch.rand(2, 1, 28, 28))
    traced.save(f"{out}/mnist-cnn.pt")

    dec = Decoder()
    # VAE parameters in DJL order: encoder (2 linear layers), then decoder (2 linear layers).
    data = np.load(f"{weights}/mnist-vae.npz")
    dec_names = [n for n in data.files if "decoder" in n]
    np.savez(f"{weights}/mnist-vae-decoder.npz", **{n: data[n] for n in dec_names})
    load_into(dec, f"{weights}/mnist-vae-decoder.npz")
    dec.eval()
    traced = torch.jit.trace(dec, torch.randn(2, 5))
    traced.save(f"{out}/mnist-vae-decoder.pt")
    print(f"wrote {out}/mnist-cnn.pt and {out}/mnist-vae-decoder.pt (torch {torch.__version__})")


def idx(path):
    """An IDX (gz) file as a numpy array."""
    import gzip
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class SmallCnn(nn.Module):
    """Not the examples' architecture: 5x5 convolutions with pooling after each, one small hidden layer."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 5, padding=2)
        self.conv2 = nn.Conv2d(16, 32, 5)
        self.fc1 = nn.Linear(32 * 5 * 5, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)
        return self.fc2(torch.relu(self.fc1(torch.flatten(x, 1))))


class Softmaxed(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return torch.softmax(self.inner(x), 1)


class Vae(nn.Module):
    def __init__(self, latent=4, hidden=256):
        super().__init__()
        self.enc = nn.Linear(784, hidden)
        self.mu = nn.Linear(hidden, latent)
        self.logvar = nn.Linear(hidden, latent)
        self.dec1 = nn.Linear(latent, hidden)
        self.dec2 = nn.Linear(hidden, 784)

    def decode(self, z):
        return torch.sigmoid(self.dec2(torch.relu(self.dec1(z))))

    def forward(self, x):
        h = torch.relu(self.enc(x))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.decode(z), mu, logvar


class VaeDecoder(nn.Module):
    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, z):
        return self.vae.decode(z).reshape(-1, 1, 28, 28)


def train_fashion(data_dir, out):
    torch.manual_seed(20261130)
    torch.set_num_threads(2)
    x_train = torch.from_numpy(idx(f"{data_dir}/train-images-idx3-ubyte.gz").astype(np.float32) / 255).unsqueeze(1)
    y_train = torch.from_numpy(idx(f"{data_dir}/train-labels-idx1-ubyte.gz").astype(np.int64))
    x_test = torch.from_numpy(idx(f"{data_dir}/test-images-idx3-ubyte.gz").astype(np.float32) / 255).unsqueeze(1)
    y_test = torch.from_numpy(idx(f"{data_dir}/test-labels-idx1-ubyte.gz").astype(np.int64))

    cnn = SmallCnn()
    opt = torch.optim.Adam(cnn.parameters(), lr=2e-3)
    for epoch in range(3):
        perm = torch.randperm(len(x_train))
        for i in range(0, len(perm), 128):
            b = perm[i:i + 128]
            loss = nn.functional.cross_entropy(cnn(x_train[b]), y_train[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
        cnn.eval()
        with torch.no_grad():
            acc = (cnn(x_test).argmax(1) == y_test).float().mean().item()
        cnn.train()
        print(f"cnn epoch {epoch + 1}: test accuracy {acc:.4f}")
    cnn.eval()
    example = torch.rand(2, 1, 28, 28)
    torch.jit.trace(cnn, example).save(f"{out}/fashion-cnn.pt")
    torch.jit.trace(Softmaxed(cnn), example).save(f"{out}/fashion-cnn-probabilities.pt")

    vae = Vae()
    opt = torch.optim.Adam(vae.parameters(), lr=1e-3)
    flat = x_train.reshape(-1, 784)
    for epoch in range(15):
        perm = torch.randperm(len(flat))
        total = 0.0
        for i in range(0, len(perm), 128):
            x = flat[perm[i:i + 128]]
            recon, mu, logvar = vae(x)
            bce = nn.functional.binary_cross_entropy(recon, x, reduction="sum")
            kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
            loss = (bce + kl) / len(x)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(x)
        print(f"vae epoch {epoch + 1}: loss {total / len(flat):.2f} per image")
    vae.eval()
    with torch.no_grad():
        prior = vae.decode(torch.randn(10000, 4)).reshape(-1, 1, 28, 28)
        counts = torch.bincount(cnn(prior).argmax(1), minlength=10).tolist()
    print(f"CNN classes of 10000 prior draws of the VAE: {counts}")
    torch.jit.trace(VaeDecoder(vae), torch.randn(2, 4)).save(f"{out}/fashion-vae-decoder.pt")
    print(f"wrote {out}/fashion-cnn.pt, fashion-cnn-probabilities.pt, fashion-vae-decoder.pt (torch {torch.__version__})")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "train-fashion":
        train_fashion(sys.argv[2], sys.argv[3])
    else:
        main()
