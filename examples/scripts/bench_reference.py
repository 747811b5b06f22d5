#!/usr/bin/python3
"""Plain-PyTorch reference for the throughput benchmark (dev.probe.examples.bench.ThroughputBenchmark).

Same energy as the benchmark's high-confidence workload, on the same bundled weights (read from the
TorchScript fixtures, which are the bundled mnist-cnn and mnist-vae decoder traced by
export_torchscript.py), as eager PyTorch modules:

    U(z) = |z|^2 / 2 + (softmax(cnn(decoder(z)))_c - 1)^2 / (2 sigma^2),   c = 3, sigma = 0.05

For each batch size N it prints one JSON line with the median time of a forward+backward pass
(gradient with respect to z, parameters frozen), of a forward-only pass (torch.inference_mode), and the
chain-steps per second of a plain MALA loop (one forward+backward per step, Metropolis-Hastings
correction, whole batch at once: no chunking). Run by the benchmark with Debian's python3-torch:

    /usr/bin/python3 bench_reference.py TORCHSCRIPT_DIR --chains 16,128,1024 --seconds 3 --threads 2
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_torchscript import Cnn, Decoder  # noqa: E402  (same architectures as the bundled models)

TARGET = 3
SIGMA = 0.05


def load(module, path):
    module.load_state_dict(torch.jit.load(path).state_dict())
    module.eval()
    for p in module.parameters():
        p.requires_grad_(False)
    return module


def energy(cnn, dec, z):
    p = torch.softmax(cnn(dec(z)), dim=1)[:, TARGET]
    return (z * z).sum(dim=1) / 2 + (p - 1) ** 2 / (2 * SIGMA * SIGMA)


def value_and_grad(cnn, dec, z):
    leaf = z.detach().requires_grad_(True)
    u = energy(cnn, dec, leaf)
    (g,) = torch.autograd.grad(u.sum(), leaf)
    return u.detach(), g


def median_seconds(fn, seconds):
    fn()  # warm-up (first calls create kernels)
    times = []
    end = time.perf_counter() + seconds
    while len(times) < 3 or time.perf_counter() < end:
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def mala_chain_steps_per_second(cnn, dec, n, seconds, h=0.05):
    gen = torch.Generator().manual_seed(11)
    z = torch.randn(n, 5, generator=gen)
    u, g = value_and_grad(cnn, dec, z)
    steps = 0
    start = time.perf_counter()
    while steps < 2 or time.perf_counter() - start < seconds:
        xi = torch.randn(n, 5, generator=gen)
        y = z - h * g + (2 * h) ** 0.5 * xi
        uy, gy = value_and_grad(cnn, dec, y)
        reverse = ((z - y + h * gy) ** 2).sum(dim=1)
        forward = (xi * xi).sum(dim=1) * 2 * h
        log_ratio = u - uy + (forward - reverse) / (4 * h)
        accept = torch.log(torch.rand(n, generator=gen)) < log_ratio
        z = torch.where(accept[:, None], y, z)
        g = torch.where(accept[:, None], gy, g)
        u = torch.where(accept, uy, u)
        steps += 1
    return n * steps / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("torchscript_dir")
    parser.add_argument("--chains", default="16,128,1024")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    cnn = load(Cnn(), os.path.join(args.torchscript_dir, "mnist-cnn.pt"))
    dec = load(Decoder(), os.path.join(args.torchscript_dir, "mnist-vae-decoder.pt"))
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for n in [int(c) for c in args.chains.split(",")]:
        z = torch.randn(n, 5)
        fwd_bwd = median_seconds(lambda: value_and_grad(cnn, dec, z), args.seconds)

        def forward_only():
            with torch.inference_mode():
                energy(cnn, dec, z)

        forward = median_seconds(forward_only, args.seconds)
        mala = mala_chain_steps_per_second(cnn, dec, n, args.seconds)
        print(json.dumps({"chains": n, "fwd_bwd_rows_per_s": n / fwd_bwd, "forward_rows_per_s": n / forward,
                          "mala_chain_steps_per_s": mala}), flush=True)


if __name__ == "__main__":
    main()
