#!/usr/bin/env python3
"""Writes basin's golden array files with NumPy and the safetensors library (not with basin).

Every array holds a known sequence, so the Java test (tests/dev/basin/io/GoldenFilesTest) recomputes
the expected values instead of reading them from anywhere: with c = (7*i) % 23 for the C-order
(row-major) flat index i,
    float:    (c - 11) / 2   (multiples of 1/2 in [-5.5, 5.5]: exact in float16, bfloat16, float32)
    signed:   c - 11
    unsigned: c
    bool:     c % 2
manifest.json lists file, array, dtype, shape, storage order and formula for each array.

Run from the repository root (numpy >= 1.20 and safetensors >= 0.4):
    python3 tests/golden/make_numpy_golden.py
"""
import json
import os

import numpy as np
import safetensors
import safetensors.numpy

OUT = os.path.join("tests", "resources", "golden")
manifest = []


def values(shape, formula, dtype):
    n = int(np.prod(shape, dtype=np.int64))
    c = (7 * np.arange(n, dtype=np.int64)) % 23
    v = {"float": (c - 11) / 2.0, "signed": c - 11, "unsigned": c, "bool": c % 2}[formula]
    return v.astype(dtype).reshape(shape)


def record(file, name, arr, formula, order="C", expect="ok"):
    manifest.append({
        "file": file, "array": name, "dtype": arr.dtype.str, "shape": list(arr.shape),
        "order": order, "formula": formula, "expect": expect,
    })


def npy(file, shape, dtype, formula, fortran=False, version=None):
    a = values(shape, formula, dtype)
    if fortran:
        a = np.asfortranarray(a)
    path = os.path.join(OUT, "npy", file)
    if version is None:
        np.save(path, a)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, a, version=version)
    record("npy/" + file, file[:-4], a, formula, "F" if fortran and a.ndim > 1 else "C")


def main():
    for sub in ("npy", "npz", "safetensors"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)

    # .npy: every dtype basin reads, 0-d / 1-d / 2-d / 3-d, both byte orders, C and Fortran order, versions 1-3
    npy("f8_2d.npy", (3, 4), "<f8", "float")
    npy("f8_0d.npy", (), "<f8", "float")
    npy("f8_1d.npy", (7,), "<f8", "float")
    npy("f4_2d.npy", (2, 5), "<f4", "float")
    npy("f2_1d.npy", (9,), "<f2", "float")
    npy("f8_be.npy", (4, 3), ">f8", "float")
    npy("f4_be.npy", (6,), ">f4", "float")
    npy("i4_be.npy", (2, 3), ">i4", "signed")
    npy("f8_fortran.npy", (3, 5), "<f8", "float", fortran=True)
    npy("f4_fortran_3d.npy", (2, 3, 4), "<f4", "float", fortran=True)
    npy("i8.npy", (5,), "<i8", "signed")
    npy("i4.npy", (5,), "<i4", "signed")
    npy("i2.npy", (5,), "<i2", "signed")
    npy("i1.npy", (5,), "|i1", "signed")
    npy("u8.npy", (5,), "<u8", "unsigned")
    npy("u4.npy", (5,), "<u4", "unsigned")
    npy("u2.npy", (5,), "<u2", "unsigned")
    npy("u1.npy", (5,), "|u1", "unsigned")
    npy("b1.npy", (6,), "|b1", "bool")
    npy("f8_v2.npy", (2, 2), "<f8", "float", version=(2, 0))
    npy("f8_v3.npy", (2, 2), "<f8", "float", version=(3, 0))
    # integers beyond 2^53 cannot be widened to float64 exactly: basin must refuse this file
    big = np.array([2**53, 2**53 + 1], dtype="<i8")
    np.save(os.path.join(OUT, "npy", "i8_beyond_2p53.npy"), big)
    manifest.append({"file": "npy/i8_beyond_2p53.npy", "array": "i8_beyond_2p53", "dtype": "<i8", "shape": [2],
                     "order": "C", "formula": "none", "expect": "error: entry 1 = 9007199254740993"})

    # .npz: stored (np.savez) and deflated (np.savez_compressed), mixed dtypes
    mixed = {"a": values((3, 2), "float", "<f8"), "b": values((4,), "signed", "<i8"),
             "c": values((2, 2), "float", "<f4"), "d": values((), "float", "<f8")}
    np.savez(os.path.join(OUT, "npz", "stored.npz"), **mixed)
    np.savez_compressed(os.path.join(OUT, "npz", "deflated.npz"), **mixed)
    for f in ("stored.npz", "deflated.npz"):
        for name, arr in mixed.items():
            record("npz/" + f, name, arr, "float" if arr.dtype.kind == "f" else "signed")

    # a net and data sets in basin's own array names (float32 weights as PyTorch would save them)
    d, h, k, n = 3, 4, 2, 5
    net = {"W1": values((h, d), "float", "<f4"), "b1": values((h,), "float", "<f4"),
           "W2": values((k, h), "float", "<f4"), "b2": values((k,), "float", "<f4")}
    np.savez(os.path.join(OUT, "npz", "net.npz"), **net)
    for name, arr in net.items():
        record("npz/net.npz", name, arr, "float")
    labels = {"X": values((n, d), "float", "<f8"), "y": values((n,), "unsigned", "<i8") % k}
    np.savez_compressed(os.path.join(OUT, "npz", "data_labels.npz"), **labels)
    record("npz/data_labels.npz", "X", labels["X"], "float")
    manifest.append({"file": "npz/data_labels.npz", "array": "y", "dtype": "<i8", "shape": [n], "order": "C",
                     "formula": "unsigned mod k=2", "expect": "ok"})
    targets = {"X": values((n, d), "float", "<f8"), "Y": values((n, k), "float", "<f8")}
    np.savez(os.path.join(OUT, "npz", "data_targets.npz"), **targets)
    for name, arr in targets.items():
        record("npz/data_targets.npz", name, arr, "float")

    # .safetensors via the safetensors library: every numpy-representable dtype ...
    st = {"f64": values((2, 3), "float", "<f8"), "f32": values((3, 2), "float", "<f4"),
          "f16": values((5,), "float", "<f2"), "i64": values((4,), "signed", "<i8"),
          "i32": values((4,), "signed", "<i4"), "i16": values((4,), "signed", "<i2"),
          "i8": values((4,), "signed", "|i1"), "u64": values((3,), "unsigned", "<u8"),
          "u32": values((3,), "unsigned", "<u4"), "u16": values((3,), "unsigned", "<u2"),
          "u8": values((3,), "unsigned", "|u1"), "bool": values((4,), "bool", "|b1"),
          "scalar": values((), "float", "<f8")}
    safetensors.numpy.save_file(st, os.path.join(OUT, "safetensors", "dtypes.safetensors"),
                                metadata={"format": "np", "made_by": "tests/golden/make_numpy_golden.py"})
    for name, arr in st.items():
        formula = {"f": "float", "i": "signed", "u": "unsigned", "b": "bool"}[arr.dtype.kind]
        record("safetensors/dtypes.safetensors", name, arr, formula)
    # ... and bfloat16 (no numpy dtype): the top 16 bits of float32 values that bfloat16 holds exactly
    f32 = values((2, 4), "float", "<f4")
    bits = np.ascontiguousarray((f32.view(np.uint32) >> 16).astype("<u2"))
    image = safetensors.serialize({"bf16": safetensors.TensorSpec(dtype="bfloat16", shape=[2, 4],
                                                                  data_ptr=bits.ctypes.data, data_len=bits.nbytes)})
    with open(os.path.join(OUT, "safetensors", "bf16.safetensors"), "wb") as f:
        f.write(bytes(image))
    manifest.append({"file": "safetensors/bf16.safetensors", "array": "bf16", "dtype": "bfloat16", "shape": [2, 4],
                     "order": "C", "formula": "float", "expect": "ok"})

    # a PyTorch nn.Sequential(Linear(3, 4), act, Linear(4, 2)) state_dict, float32 as torch saves it
    sd = {"0.weight": values((h, d), "float", "<f4"), "0.bias": values((h,), "float", "<f4"),
          "2.weight": values((k, h), "float", "<f4"), "2.bias": values((k,), "float", "<f4")}
    safetensors.numpy.save_file(sd, os.path.join(OUT, "safetensors", "state_dict.safetensors"),
                                metadata={"format": "pt"})
    for name, arr in sd.items():
        record("safetensors/state_dict.safetensors", name, arr, "float")

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"generator": "tests/golden/make_numpy_golden.py", "numpy": np.__version__,
                   "safetensors": safetensors.__version__, "arrays": manifest}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
