#!/usr/bin/env python3
"""The PyTorch float64 peer of bin/gpu-check (spec COMPUTE-CUDA "On a GPU"), on the GPU it runs on.

Reads the problem GpuCheck wrote to DIR (dims.npy, X.npy, y.npy, theta.npy, v.npy, hv.npy: basin's H·v), builds
the same net (nn.Linear layout, relu, CrossEntropyLoss mean, float64, cuda) and times, with
torch.cuda.synchronize() around each:
  - hvp_graph_s: one double-backward HVP reusing the gradient graph (PyHessian's
    hessian_vector_product: autograd.grad(grads, params, grad_outputs=v, retain_graph=True)), median of 5;
  - hvp_scratch_s: forward + backward with create_graph + the HVP, median of 3;
  - power100_s: PyHessian-style power iteration, 100 iterations of (HVP, Rayleigh quotient,
    normalize), after the gradient graph is built (included), no early stop;
and compares its H·v with basin's: max |Δ| / max |Hv|. Prints "key value" lines (also DIR/torch.txt).
Usage: gpu_torch.py DIR
"""
import sys
import time

import numpy as np
import torch


def main():
    d = sys.argv[1]
    dev = torch.device("cuda")
    out = open(d + "/torch.txt", "w")

    def put(key, value):
        line = f"{key} {value}"
        print(line, flush=True)
        out.write(line + "\n")
        out.flush()

    put("torch", f"{torch.__version__} cuda {torch.version.cuda} on {torch.cuda.get_device_name(0)}")
    x = torch.from_numpy(np.load(d + "/X.npy")).to(dev)
    y = torch.from_numpy(np.load(d + "/y.npy").astype(np.int64)).to(dev)
    theta = torch.from_numpy(np.load(d + "/theta.npy")).to(dev)
    v = torch.from_numpy(np.load(d + "/v.npy")).to(dev)
    hv_basin = torch.from_numpy(np.load(d + "/hv.npy")).to(dev)
    n, din, h, k = (int(t) for t in np.load(d + "/dims.npy"))
    n_params = theta.numel()
    assert h * din + h + k * h + k == n_params, "theta does not match d, h, k"
    model = torch.nn.Sequential(torch.nn.Linear(din, h), torch.nn.ReLU(), torch.nn.Linear(h, k)).double().to(dev)
    params = list(model.parameters())
    with torch.no_grad():
        at = 0
        for p in params:  # PyTorch's parameters() order = basin's NET-PARAM-ORDER
            p.copy_(theta[at:at + p.numel()].view_as(p))
            at += p.numel()
    loss_fn = torch.nn.CrossEntropyLoss()

    def split(flat):
        parts, at = [], 0
        for p in params:
            parts.append(flat[at:at + p.numel()].view_as(p))
            at += p.numel()
        return parts

    def flat(parts):
        return torch.cat([t.reshape(-1) for t in parts])

    def timed(fn):
        torch.cuda.synchronize()
        t = time.perf_counter()
        r = fn()
        torch.cuda.synchronize()
        return time.perf_counter() - t, r

    def graph():
        loss = loss_fn(model(x), y)
        return torch.autograd.grad(loss, params, create_graph=True)

    grads = graph()
    vs = split(v)

    def hvp_on(g, vv):
        return torch.autograd.grad(g, params, grad_outputs=vv, retain_graph=True)

    hvp_on(grads, vs)  # warm-up
    ts = sorted(timed(lambda: hvp_on(grads, vs))[0] for _ in range(5))
    put("hvp_graph_s", f"{ts[2]:.6g}")
    hv = flat(hvp_on(grads, vs))
    put("hv_max_abs_diff_vs_basin_relative", f"{((hv - hv_basin).abs().max() / hv_basin.abs().max()).item():.3e}")

    ts = sorted(timed(lambda: hvp_on(graph(), vs))[0] for _ in range(3))
    put("hvp_scratch_s", f"{ts[1]:.6g}")

    def power(iters):
        g = graph()
        w = torch.randn(n_params, dtype=torch.float64, device=dev, generator=torch.Generator(dev).manual_seed(1))
        w = w / w.norm()
        lam = 0.0
        for _ in range(iters):
            hw = flat(hvp_on(g, split(w)))
            lam = torch.dot(hw, w).item()
            w = hw / hw.norm()
        return lam

    t, lam = timed(lambda: power(100))
    put("power100_s", f"{t:.6g}")
    put("power100_lambda", f"{lam:.12g}")
    put("peak_memory_gib", f"{torch.cuda.max_memory_allocated() / 2**30:.1f}")
    out.close()


if __name__ == "__main__":
    main()
