#!/usr/bin/python3
"""PyHessian's own eigenvalues() and trace() on basin's MLP benchmark problem (bench/REPORT.md,
end-to-end table): the 784-512-10 relu net, softmax cross-entropy (mean), n = 1000, float64, the
data written by dev.basin.bench.ExportMlp. PyHessian is *not* part of basin: fetch
amirgholami/PyHessian (pyhessian/hessian.py, utils.py) into a temporary folder and pass it here;
never commit it. Its defaults are used: eigenvalues(maxIter=100, tol=1e-3, top_n=1) and
trace(maxIter=100, tol=1e-3). The caller times the whole process (start included).
Usage: /usr/bin/python3 pyhessian_e2e.py PYHESSIAN_DIR DATADIR eigenvalues|trace THREADS
Environment: run with `env -u OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=THREADS` (Debian torch on OpenBLAS)."""
import json, os, sys, time
import numpy as np
import torch

src, datadir, mode, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, src)
from pyhessian import hessian  # noqa: E402  (the fetched peer)

torch.set_num_threads(threads)
torch.set_num_interop_threads(1)
torch.set_default_dtype(torch.float64)  # PyHessian draws its vectors with the default dtype
meta = json.load(open(os.path.join(datadir, "problem.json")))
n, d, h, k = meta["n"], meta["d"], meta["h"], meta["k"]
rd = lambda name, dt="<f8": np.fromfile(os.path.join(datadir, name), dtype=dt)
X = torch.tensor(rd("X.bin").reshape(n, d))
y = torch.tensor(rd("y.bin", "<i4").astype(np.int64))
model = torch.nn.Sequential(torch.nn.Linear(d, h), torch.nn.ReLU(), torch.nn.Linear(h, k))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor(rd("W1.bin").reshape(h, d)))
    model[0].bias.copy_(torch.tensor(rd("b1.bin")))
    model[2].weight.copy_(torch.tensor(rd("W2.bin").reshape(k, h)))
    model[2].bias.copy_(torch.tensor(rd("b2.bin")))
torch.manual_seed(0)
t0 = time.perf_counter()
comp = hessian(model, torch.nn.CrossEntropyLoss(), data=(X, y), cuda=False)
if mode == "eigenvalues":
    values, _ = comp.eigenvalues()
    value = values[0]
elif mode == "trace":
    value = float(np.mean(comp.trace()))
else:
    sys.exit("mode must be eigenvalues or trace")
print(json.dumps({"peer": "PyHessian", "mode": mode, "value": value, "seconds_in_call": time.perf_counter() - t0,
                  "torch": torch.__version__, "threads": threads}))
