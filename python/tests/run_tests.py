"""Tests of the photoncodec package; plain asserts, no pytest needed. Prints "N passed, N failed"; exit 1 on a failure.

    run_tests.py                              the package's own tests
    run_tests.py --levels ARCHIVE LEVELS      ARCHIVE opened as levels equals LEVELS (raw little-endian uint16, T*H*W,
                                              as Get-PhotonFrame returns them); run from tests/PythonPackage.Tests.ps1
"""
import json
import os
import struct
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numcodecs  # noqa: E402
import numpy as np  # noqa: E402

import photoncodec  # noqa: E402
from photoncodec import DecodeLut, crc32c, open_levels  # noqa: E402

LUT = [0, 3, 7, 12, 20, 31, 45, 62]
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def _quantized_attrs(lut=LUT):
    return {"photon": {"mode": "quantized", "decode_lut": lut, "original_dtype": "uint16", "code_dtype": "uint8"}}


@test
def codec_is_registered_and_config_round_trips():
    c = DecodeLut(LUT, "<u2", "|u1")
    again = numcodecs.get_codec(c.get_config())
    assert isinstance(again, DecodeLut), type(again)
    assert again.decode_lut == LUT and again.dtype == "<u2" and again.astype == "|u1"
    assert json.loads(json.dumps(c.get_config()))["id"] == "photoncodec.decode_lut"


@test
def decode_maps_codes_to_levels_and_encode_is_nearest_level():
    c = DecodeLut(LUT, "<u2", "|u1")
    codes = np.array([0, 1, 7, 3, 3], dtype="u1")
    levels = c.decode(codes.tobytes())
    assert levels.dtype == np.dtype("<u2") and levels.tolist() == [0, 3, 62, 12, 12], levels
    assert c.encode(levels).tolist() == codes.tolist()
    assert c.encode(np.array([4, 6, 100], dtype="<u2")).tolist() == [1, 2, 7]  # nearest; 4 is nearer 3 than 7


@test
def decode_refuses_a_code_outside_the_table():
    c = DecodeLut(LUT, "<u2", "|u1")
    try:
        c.decode(np.array([8], dtype="u1"))
    except ValueError as e:
        assert "outside decode_lut" in str(e)
    else:
        raise AssertionError("code 8 decoded through an 8-entry table")


@test
def crc32c_matches_the_check_value():
    assert crc32c(b"123456789") == 0xE3069283


def _v2_codes(tmp, filters=False):
    import zarr
    rng = np.random.default_rng(3)
    codes = rng.integers(0, len(LUT), size=(10, 6, 5), dtype="u1")
    path = os.path.join(tmp, "a.zarr")
    if filters:
        z = zarr.open(path, mode="w", shape=codes.shape, chunks=(4, 6, 5), dtype="<u2", filters=[DecodeLut(LUT, "<u2", "|u1")])
        z[:] = np.asarray(LUT, dtype="<u2")[codes]
    else:
        z = zarr.open(path, mode="w", shape=codes.shape, chunks=(4, 6, 5), dtype="u1")
        z[:] = codes
    z.attrs.update(_quantized_attrs())
    return path, np.asarray(LUT, dtype="<u2")[codes]


@test
def open_levels_reads_a_v2_array_lazily_by_frame_and_slice():
    with tempfile.TemporaryDirectory() as tmp:
        path, levels = _v2_codes(tmp)
        a = open_levels(path)
        assert a.shape == (10, 6, 5) and a.dtype == np.dtype("<u2"), (a.shape, a.dtype)
        assert np.array_equal(np.asarray(a), levels)
        assert np.array_equal(a[3], levels[3]) and np.array_equal(a[-1], levels[-1])
        assert np.array_equal(a[2:9:3], levels[2:9:3]) and np.array_equal(a[::-2], levels[::-2])
        assert np.array_equal(a[5, 1:3], levels[5, 1:3])
        assert a[7:7].shape == (0, 6, 5)


@test
def zarr_python_with_the_filter_returns_levels():
    import zarr
    with tempfile.TemporaryDirectory() as tmp:
        path, levels = _v2_codes(tmp, filters=True)
        assert np.array_equal(zarr.open(path, mode="r")[:], levels)
        assert np.array_equal(np.asarray(open_levels(path)), levels)
        # The chunks hold codes: one byte per pixel before compression.
        raw = numcodecs.Blosc().decode(open(os.path.join(path, "0.0.0"), "rb").read())
        assert len(raw) == 4 * 6 * 5


def _write_v3(tmp, codes, shard=(4, 6, 5), inner=(2, 6, 5), corrupt_index=False):
    """PhotonCodec's v3 layout written independently of the reader: bytes + blosc inner chunks, crc32c index at the end."""
    path = os.path.join(tmp, "v3.zarr")
    os.makedirs(path)
    blosc = numcodecs.Blosc(cname="zstd", clevel=5, shuffle=numcodecs.Blosc.BITSHUFFLE)
    meta = {
        "zarr_format": 3, "node_type": "array", "shape": list(codes.shape), "data_type": "uint8",
        "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(shard)}},
        "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}}, "fill_value": 0,
        "codecs": [{"name": "sharding_indexed", "configuration": {
            "chunk_shape": list(inner),
            "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "zstd", "clevel": 5, "shuffle": "bitshuffle", "typesize": 1, "blocksize": 0}}],
            "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}], "index_location": "end"}}],
        "dimension_names": ["t", "y", "x"], "attributes": _quantized_attrs(),
    }
    with open(os.path.join(path, "zarr.json"), "w") as f:
        json.dump(meta, f)
    for s in range(-(-codes.shape[0] // shard[0])):
        body, index = b"", []
        for i in range(shard[0] // inner[0]):
            t0 = s * shard[0] + i * inner[0]
            block = np.zeros(inner, dtype="u1")
            part = codes[t0:t0 + inner[0]]
            if part.shape[0] == 0:
                index.append((2**64 - 1, 2**64 - 1))
                continue
            block[:part.shape[0]] = part
            data = blosc.encode(block.tobytes())
            index.append((len(body), len(data)))
            body += data
        idx = b"".join(struct.pack("<QQ", o, n) for o, n in index)
        crc = crc32c(idx) ^ (1 if corrupt_index else 0)
        os.makedirs(os.path.join(path, "c", str(s), "0"), exist_ok=True)
        with open(os.path.join(path, "c", str(s), "0", "0"), "wb") as f:
            f.write(body + idx + struct.pack("<I", crc))
    return path


@test
def open_levels_reads_a_sharded_v3_array_with_empty_inner_chunks():
    codes = np.random.default_rng(5).integers(0, len(LUT), size=(9, 6, 5), dtype="u1")
    with tempfile.TemporaryDirectory() as tmp:
        a = open_levels(_write_v3(tmp, codes))
        levels = np.asarray(LUT, dtype="<u2")[codes]
        assert a.shape == (9, 6, 5) and a.dtype == np.dtype("<u2")
        assert np.array_equal(np.asarray(a), levels)
        assert np.array_equal(a[8], levels[8]) and np.array_equal(a[3:6], levels[3:6])


@test
def a_bad_shard_index_crc_is_an_error():
    codes = np.zeros((4, 6, 5), dtype="u1")
    with tempfile.TemporaryDirectory() as tmp:
        a = open_levels(_write_v3(tmp, codes, corrupt_index=True))
        try:
            a[0]
        except ValueError as e:
            assert "crc32c mismatch" in str(e)
        else:
            raise AssertionError("a corrupt shard index read without error")


def levels_checks(archive, expected_file):
    """ARCHIVE through every reader the README names equals Get-PhotonFrame's levels."""
    a = open_levels(archive)
    expected = np.fromfile(expected_file, dtype="<u2").reshape(a.shape)
    checks = []

    def check(name, ok):
        checks.append((name, bool(ok)))

    check("open_levels shape/dtype", a.dtype == np.dtype("<u2") and a.shape == expected.shape)
    check("np.asarray(open_levels)", np.array_equal(np.asarray(a), expected))
    check("frames 0 and -1", np.array_equal(a[0], expected[0]) and np.array_equal(a[-1], expected[-1]))
    check("a slice across chunks", np.array_equal(a[5:23:2], expected[5:23:2]))
    array_dir = a.path
    zarray = os.path.join(array_dir, ".zarray")
    if os.path.exists(zarray):
        import zarr
        z = zarr.open(array_dir, mode="r")
        filtered = any(f.get("id") == photoncodec.CODEC_ID for f in (json.load(open(zarray)).get("filters") or []))
        if filtered:
            check("zarr.open(p)[:] with the package", np.array_equal(z[:], expected))
            # Without the package, zarr-python does not know the filter (the README says so).
            import subprocess
            plain = subprocess.run([sys.executable, "-c", "import sys, zarr; zarr.open(sys.argv[1], mode='r')[:]", array_dir],
                                   capture_output=True, text=True)
            check("zarr-python without the package refuses the filter", plain.returncode != 0 and "photoncodec.decode_lut" in plain.stderr)
        elif a.mode == "quantized":
            check("decode_lut[z[:]] with plain zarr", np.array_equal(np.asarray(z.attrs["photon"]["decode_lut"])[z[:]], expected))
        else:
            check("z[:] (lossless) with plain zarr", np.array_equal(z[:], expected))
    return checks


@test
def predict_filter_round_trips_every_integer_type_and_zarr_python_uses_it():
    from photoncodec import Predict

    rng = np.random.default_rng(7)
    for dt in ("|u1", "|i1", "<u2", "<i2", "<u4", "<i4"):
        info = np.iinfo(np.dtype(dt))
        for frames in (1, 2, 9):
            a = rng.integers(info.min, info.max, size=(frames, 5, 4), endpoint=True).astype(dt)
            a[0, 0, 0], a[-1, -1, -1] = info.min, info.max
            c = numcodecs.get_codec(Predict(dt).get_config())
            enc = c.encode(a)
            assert enc[:3] == bytes([1, 1, np.dtype(dt).itemsize]), enc[:3]
            assert np.array_equal(c.decode(enc).reshape(a.shape), a), (dt, frames)
    import zarr

    with tempfile.TemporaryDirectory() as tmp:
        a = (rng.poisson(20, size=(12, 6, 5)) + np.arange(12)[:, None, None]).astype("<u2")
        z = zarr.open(os.path.join(tmp, "p.zarr"), mode="w", shape=a.shape, chunks=(5, 6, 5), dtype="<u2",
                      filters=[Predict("<u2")], compressor=numcodecs.Blosc("zstd", 5, 2))
        z[:] = a
        again = zarr.open(os.path.join(tmp, "p.zarr"), mode="r")
        assert again.filters[0].codec_id == "photoncodec.predict"
        assert np.array_equal(again[:], a)


def main(argv):
    results = []
    if len(argv) == 3 and argv[0] == "--levels":
        try:
            results = levels_checks(argv[1], argv[2])
        except Exception:
            traceback.print_exc()
            results = [("levels checks", False)]
    elif argv:
        print(__doc__)
        return 2
    else:
        for fn in TESTS:
            try:
                fn()
                results.append((fn.__name__, True))
            except Exception:
                traceback.print_exc()
                results.append((fn.__name__, False))
    for name, ok in results:
        print(("PASS " if ok else "FAIL ") + name)
    failed = sum(1 for _, ok in results if not ok)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
