#!/usr/bin/env python3
"""Writes the seed corpus of basin's reader fuzz targets (tests/dev/basin/fuzz) with NumPy itself:
valid files of every format and dtype basin reads, so the fuzzer starts from real headers rather
than from guessing the magic bytes. Deterministic (fixed values, zip timestamps pinned).
Usage: python3 tests/fuzz/make_seeds.py   (from the repository root; needs numpy)."""
import gzip, io, json, os, struct, zipfile
import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "basin", "fuzz",
                    "ReadersFuzzTestInputs")

def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def npy(a, version=None):
    b = io.BytesIO()
    if version is None:
        np.save(b, a)
    else:
        np.lib.format.write_array(b, a, version=version)
    return b.getvalue()

def npz(arrays, compressed=False):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED) as z:
        for k, v in arrays.items():
            info = zipfile.ZipInfo(k + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
            z.writestr(info, npy(v))
    return b.getvalue()

def safetensors(arrays, metadata=None):
    codes = {np.dtype("<f8"): "F64", np.dtype("<f4"): "F32", np.dtype("<f2"): "F16", np.dtype("<i8"): "I64",
             np.dtype("<i4"): "I32", np.dtype("u1"): "U8", np.dtype("bool"): "BOOL"}
    header, buf, pos = {}, b"", 0
    if metadata:
        header["__metadata__"] = metadata
    for k, v in arrays.items():
        raw = np.ascontiguousarray(v).tobytes()
        header[k] = {"dtype": codes[v.dtype], "shape": list(v.shape), "data_offsets": [pos, pos + len(raw)]}
        buf += raw
        pos += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + buf

x = np.arange(6, dtype="<f8").reshape(2, 3) / 4
net = {"W1": np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]), "b1": np.array([0.1, -0.2]),
       "W2": np.array([[1.0, -2.0]]), "b2": np.array([0.3])}
torch_net = {"0.weight": net["W1"].astype("<f4"), "0.bias": net["b1"].astype("<f4"),
             "2.weight": net["W2"].astype("<f4"), "2.bias": net["b2"].astype("<f4")}
data = {"X": np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]), "y": np.array([0, 1, 0], dtype="<i8")}
data_reg = {"X": data["X"], "Y": np.array([[0.5], [1.5], [2.5]])}

put("npy", "f8-2x3", npy(x))
put("npy", "f4-fortran", npy(np.asfortranarray(x.astype("<f4"))))
put("npy", "i8-labels", npy(np.array([0, 1, 2, 1], dtype="<i8")))
put("npy", "bool", npy(np.array([True, False, True])))
put("npy", "u1-be-i4", npy(np.array([1, 2, 3], dtype=">i4")))
put("npy", "f2-scalar", npy(np.array(1.5, dtype="<f2")))
put("npy", "v2-header", npy(x, version=(2, 0)))
put("npy", "v3-header", npy(x, version=(3, 0)))
put("npz", "stored", npz({"a": x, "b": np.array([1, 2], dtype="<i4")}))
put("npz", "deflated", npz({"a": x}, compressed=True))
put("safetensors", "f64-f32", safetensors({"a": x, "b": x.astype("<f4")}, {"format": "pt"}))
put("safetensors", "ints-bool", safetensors({"i": np.array([1, 2], dtype="<i8"), "m": np.array([True, False])}))
idx = struct.pack(">BBBB", 0, 0, 8, 3) + struct.pack(">III", 2, 2, 2) + bytes(range(8))
put("idx", "images-idx3-ubyte", idx)
put("idx", "labels-idx1-ubyte.gz", gzip.compress(struct.pack(">BBBB", 0, 0, 8, 1) + struct.pack(">I", 3) + bytes([1, 0, 2]), mtime=0))
put("sklearnCsv", "iris-like.csv", b"3,2,a,b\n5.1,3.5,0\n4.9,3.0,1\n6.2,-2.9e-1,2\n")
put("sklearnCsv", "gzip.csv.gz", gzip.compress(b"2,1\n1.5,0\n-2.5,1\n", mtime=0))
put("nets", "net.npz", npz(net))
put("nets", "torch-net.npz", npz(torch_net, compressed=True))
put("nets", "net.safetensors", safetensors(net))
put("nets", "torch-net.safetensors", safetensors(torch_net))
put("datasets", "labels.npz", npz(data))
put("datasets", "targets.safetensors", safetensors(data_reg))
put("claims", "bare.json", json.dumps([{"id": "BOUND-BFT-SPECTRAL", "value": 12.5}]).encode())
put("claims", "full.json", json.dumps({"defaults": {"delta": 0.05, "form": "paper"}, "note": "n",
                                      "claims": [{"id": "JIANG-PACBAYES-ORIG", "value": 3.25, "margin": 0.5},
                                                 {"formula": "spectral", "value": 1e3, "margin_quantile": 0.1}]},
                                     indent=1).encode())
