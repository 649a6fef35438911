#!/usr/bin/python3
"""PyTorch peer for basin's MLP benchmark (bench/REPORT.md): the 784-512-10 relu net, softmax
cross-entropy (mean), n = 1000, float64, on exactly the data basin's benchmark uses (written by
dev.basin.bench.ExportMlp). Checks torch's loss, gradient and HVP against basin's, then times
  loss+grad                  autograd.grad of the loss
  hvp (from scratch)         forward, gradient graph (create_graph), then grad(g, p, v)
  hvp (forward reused)       gradient graph built once; each HVP is grad(g, p, v, retain_graph)
  power x20                  graph once, 20 HVPs with Rayleigh quotient and normalization
  pyhessian x100             PyHessian's eigenvalues() loop at tol = 0 (HEAD de8cf23, peers.md 1.1):
                             gradient graph once, 100 HVPs, group_product, normalization with +1e-6
Usage: /usr/bin/python3 mlp_torch.py DATADIR THREADS
Environment: OPENBLAS_NUM_THREADS (BLAS threads), OPENBLAS_CORETYPE (unset it, e.g. with
`env -u OPENBLAS_CORETYPE`, to let OpenBLAS pick its AVX-512 kernel); the kernel in use is printed.
"""
import ctypes, json, os, statistics, sys, time
import numpy as np
import torch

datadir, T = sys.argv[1], int(sys.argv[2])
torch.set_num_threads(T)
torch.set_num_interop_threads(1)
meta = json.load(open(os.path.join(datadir, "problem.json")))
n, d, h, k = meta["n"], meta["d"], meta["h"], meta["k"]
rd = lambda name, dt="<f8": np.fromfile(os.path.join(datadir, name), dtype=dt)

# torch reaches OpenBLAS through libblas.so.3 -> libopenblas.so.0: the same library instance
ob = ctypes.CDLL("libopenblas.so.0")
ob.openblas_get_corename.restype = ctypes.c_char_p
ob.openblas_get_config.restype = ctypes.c_char_p
maps = open("/proc/self/maps").read()
print(f"torch {torch.__version__}, intra-op threads={torch.get_num_threads()}, "
      f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}, "
      f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, "
      f"OpenBLAS core: {ob.openblas_get_corename().decode()}, "
      f"config: {ob.openblas_get_config().decode()}, libopenblas loaded {maps.count('libopenblasp') > 0}")

dt = torch.float64
X = torch.tensor(rd("X.bin").reshape(n, d), dtype=dt)
y = torch.tensor(rd("y.bin", "<i4").astype(np.int64))
params = [torch.tensor(rd(f).reshape(s), dtype=dt, requires_grad=True)
          for f, s in (("W1.bin", (h, d)), ("b1.bin", (h,)), ("W2.bin", (k, h)), ("b2.bin", (k,)))]
vflat = rd("v.bin")
sizes = [p.numel() for p in params]
def unflat(a):
    out, o = [], 0
    for p, s in zip(params, sizes):
        out.append(torch.tensor(a[o:o + s].reshape(p.shape), dtype=dt)); o += s
    return out
flat = lambda ts: np.concatenate([t.detach().numpy().ravel() for t in ts])
v = unflat(vflat)

def loss_fn():
    a = torch.relu(X @ params[0].T + params[1])
    return torch.nn.functional.cross_entropy(a @ params[2].T + params[3], y)

def loss_and_grad():
    L = loss_fn()
    return L, torch.autograd.grad(L, params)

def hvp_scratch(vec):
    g = torch.autograd.grad(loss_fn(), params, create_graph=True)
    return torch.autograd.grad(g, params, grad_outputs=vec)

def power(vec, iters=20, bias=0.0):
    """Power iteration on the gradient graph built once: per step Hv = grad(g, p, v, retain_graph),
    lambda = <Hv, v>, v = Hv / (||Hv|| + bias). bias = 1e-6 with iters = 100 is PyHessian's
    eigenvalues() loop for top_n = 1 at tol = 0 (HEAD de8cf23, peers.md 1.1), which also normalizes
    the start that way; its orthnormal(v, []) at the top of each iteration (one more normalization)
    is left out, which can only make the peer's time shorter."""
    def normalized(ts):
        s = torch.sqrt(sum((a * a).sum() for a in ts)) + bias
        return [a / s for a in ts]
    g = torch.autograd.grad(loss_fn(), params, create_graph=True)
    vec, lam = normalized(vec), 0.0
    for _ in range(iters):
        hv = torch.autograd.grad(g, params, grad_outputs=vec, only_inputs=True, retain_graph=True)
        lam = sum((a * b).sum() for a, b in zip(hv, vec)).item()
        vec = normalized(hv)
    return lam

# ---- agreement with basin (same data; basin's simd and reference backends)
L, g = loss_and_grad()
hv = flat(hvp_scratch(v))
g = flat(g)
rel = lambda a, b: float(np.max(np.abs(a - b)) / np.max(np.abs(b)))
for name in ("simd", "ref"):
    print(f"vs basin {name}: |loss diff| {abs(L.item() - meta['loss_' + name]):.2e}, "
          f"grad max rel diff {rel(g, rd('grad_' + name + '.bin')):.2e}, "
          f"Hv max rel diff {rel(hv, rd('hv_' + name + '.bin')):.2e}")

# ---- timings: median / min / max wall and median process CPU (ms)
def bench(f, reps, warm=3):
    for _ in range(warm):
        f()
    ts, cs = [], []
    for _ in range(reps):
        c0, t0 = time.process_time(), time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0); cs.append(time.process_time() - c0)
    return statistics.median(ts) * 1e3, min(ts) * 1e3, max(ts) * 1e3, statistics.median(cs) * 1e3

graph = torch.autograd.grad(loss_fn(), params, create_graph=True)
rows = [("loss+grad", bench(loss_and_grad, 15)),
        ("hvp (from scratch)", bench(lambda: hvp_scratch(v), 15)),
        ("hvp (forward reused)", bench(lambda: torch.autograd.grad(graph, params, grad_outputs=v, retain_graph=True), 15)),
        ("power x20", bench(lambda: power(v), 5, warm=1)),
        ("pyhessian x100", bench(lambda: power(v, 100, 1e-6), 3, warm=1))]
for name, (med, mn, mx, cpu) in rows:
    print(f"torch float64 T={T} {name:22s} median {med:8.2f} ms  min {mn:8.2f}  max {mx:8.2f}  cpu median {cpu:8.2f} ms")
print(f"lambda after 20 power iterations: {power(v):.12f}")
