"""Checks a Max-profile archive (photoncodec.predict) three ways against the levels PhotonCodec decodes.

    max_recipe.py ARCHIVE LEVELS     LEVELS: raw little-endian uint16, T*H*W, as Get-PhotonFrame returns them

1. the README's plain numpy recipe (numcodecs' Blosc and numpy only, no photoncodec import), v2 or v3;
2. photoncodec.open_levels (v2 and v3);
3. v2 only: zarr-python itself, with photoncodec imported (the filter is registered), returns the stored values.
Prints "N passed, N failed"; exits 1 on a failure.
"""
import json
import os
import sys

import numcodecs
import numpy as np


def recipe(z):
    """The README's recipe: residuals + reference frame -> stored codes (or integers) -> levels."""
    v3 = os.path.exists(f"{z}/zarr.json")
    meta = json.load(open(f"{z}/zarr.json" if v3 else f"{z}/.zarray"))
    attrs = meta["attributes"] if v3 else json.load(open(f"{z}/.zattrs"))
    T, H, W = meta["shape"]
    if v3:
        shard = meta["codecs"][-1]["configuration"]
        dtype, ct = shard["codecs"][0]["configuration"]["dtype"], meta["chunk_grid"]["configuration"]["chunk_shape"][0]
    else:
        dtype, ct = meta["filters"][-1]["dtype"], meta["chunks"][0]
    u = np.dtype(dtype.replace("i", "u"))  # unsigned view of the stored integers: arithmetic wraps modulo 2**bits
    chunks = []
    for c in range(-(-T // ct)):
        blob = open(f"{z}/c/{c}/0/0" if v3 else f"{z}/{c}.0.0", "rb").read()
        if v3:  # one inner chunk per shard: its (offset, nbytes) precede the index's crc32c at the end
            offset, nbytes = np.frombuffer(blob[-20:-4], "<u8")
            blob = blob[offset:offset + nbytes]
        raw = numcodecs.Blosc().decode(blob)
        method, pixels = raw[1], int(np.frombuffer(raw[8:12], "<u4")[0])
        body = np.frombuffer(raw, u, offset=16)
        ref, res = body[:pixels], body[pixels:].reshape(-1, pixels)
        d = (res >> 1) ^ (0 - (res & 1)).astype(u)  # zig-zag back to differences
        codes = res if method == 0 else ref + d if method == 1 else ref + np.cumsum(d, axis=0, dtype=u)
        chunks.append(codes)
    codes = np.concatenate(chunks)[:T].view(dtype).reshape(T, H, W)
    photon = attrs["photon"]
    return np.asarray(photon["decode_lut"])[codes] if photon["mode"] == "quantized" else codes


def main(archive, expected_file):
    results = []
    meta_v2 = os.path.join(archive, ".zarray")
    T, H, W = json.load(open(meta_v2 if os.path.exists(meta_v2) else os.path.join(archive, "zarr.json")))["shape"]
    expected = np.fromfile(expected_file, dtype="<u2").reshape(T, H, W).astype(np.int64)

    def check(name, fn):
        try:
            got = np.asarray(fn()).astype(np.int64)
            ok = got.shape == expected.shape and np.array_equal(got, expected)
            results.append(ok)
            print(("PASS " if ok else "FAIL ") + name + ("" if ok else f" (max difference {np.abs(got - expected).max()})"))
        except Exception as e:  # noqa: BLE001 - report and go on
            results.append(False)
            print(f"FAIL {name}: {type(e).__name__}: {e}")

    check("numpy recipe", lambda: recipe(archive))
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import photoncodec

    check("open_levels", lambda: photoncodec.open_levels(archive)[:])
    if os.path.exists(meta_v2):
        import zarr

        def via_zarr():
            stored = zarr.open_array(archive, mode="r")[:]
            photon = json.load(open(os.path.join(archive, ".zattrs")))["photon"]
            return np.asarray(photon["decode_lut"])[stored] if photon["mode"] == "quantized" else stored

        check("zarr-python " + zarr.__version__, via_zarr)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
