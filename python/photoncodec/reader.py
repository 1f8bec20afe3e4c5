"""``open_levels``: PhotonCodec archives (Zarr v2, sharded Zarr v3, OME-Zarr 0.4/0.5 groups) as lazily decoded levels.

v3 is read by a minimal reader of PhotonCodec's own layout (zarr-python 2.13 cannot read v3): ``sharding_indexed``
with ``bytes`` + ``blosc`` inner chunks (led by ``photoncodec.predict`` in Max-profile archives) and a ``bytes`` +
``crc32c`` index at the end of each shard
(https://zarr-specs.readthedocs.io/en/latest/v3/codecs/sharding-indexed/v1.0.html).
"""
import json
import os
import struct

import numpy as np
import numcodecs

from .codec import CODEC_ID, DecodeLut
from .predict import PREDICT_ID, Predict

_EMPTY = 2**64 - 1


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC32C = _crc32c_table()


def crc32c(data):
    """CRC-32C (Castagnoli), as the v3 ``crc32c`` codec appends it (little-endian)."""
    c = 0xFFFFFFFF
    for b in data:
        c = _CRC32C[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def _read_json(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


class _V2Store:
    """A v2 array through zarr-python 2.13 (this package registers the decode filter, so a filtered array reads as levels)."""

    def __init__(self, path):
        meta = _read_json(os.path.join(path, ".zarray"))
        attrs_path = os.path.join(path, ".zattrs")
        self.attributes = _read_json(attrs_path) if os.path.exists(attrs_path) else {}
        filters = meta.get("filters") or []
        self.filtered = any(f.get("id") == CODEC_ID for f in filters)
        self.shape = tuple(meta["shape"])
        self.path = path
        self.dtype = meta["dtype"]
        self._array = None

    @property
    def array(self):
        if self._array is None:
            import zarr  # only v2 needs zarr-python; with the filter written, it returns levels itself
            self._array = zarr.open_array(self.path, mode="r")
        return self._array

    def read(self, t0, t1):
        return np.asarray(self.array[t0:t1])


class _V3Store:
    """PhotonCodec's own sharded v3 layout (or an unsharded bytes + blosc chain)."""

    def __init__(self, path):
        meta = _read_json(os.path.join(path, "zarr.json"))
        if meta.get("zarr_format") != 3 or meta.get("node_type") != "array":
            raise ValueError(f"{path}: zarr.json is not a Zarr v3 array")
        self.path = path
        self.attributes = meta.get("attributes", {})
        self.shape = tuple(meta["shape"])
        codecs = list(meta["codecs"])
        self.filtered = bool(codecs) and codecs[0].get("name") == CODEC_ID
        if self.filtered:
            self.code_dtype = np.dtype(codecs.pop(0)["configuration"]["astype"])
        else:
            self.code_dtype = np.dtype(meta["data_type"])
        self.fill = meta.get("fill_value", 0) or 0
        grid = meta["chunk_grid"]
        if grid["name"] != "regular":
            raise ValueError(f"{path}: chunk_grid {grid['name']!r} is not supported")
        self.chunks = tuple(grid["configuration"]["chunk_shape"])
        enc = meta.get("chunk_key_encoding", {"name": "default"})
        self.separator = enc.get("configuration", {}).get("separator", "/")
        self.key_prefix = "c" if enc.get("name", "default") == "default" else None
        if codecs and codecs[0]["name"] == "sharding_indexed":
            cfg = codecs[0]["configuration"]
            self.inner = tuple(cfg["chunk_shape"])
            self.inner_codecs = cfg["codecs"]
            names = [c["name"] for c in cfg.get("index_codecs", [])]
            if names not in (["bytes"], ["bytes", "crc32c"]):
                raise ValueError(f"{path}: index_codecs {names} are not supported")
            self.index_crc = names == ["bytes", "crc32c"]
            if cfg.get("index_location", "end") != "end":
                raise ValueError(f"{path}: index_location {cfg['index_location']!r} is not supported")
        else:
            self.inner = None
            self.inner_codecs = codecs
        self._decoders = []
        self._predict = None
        for c in self.inner_codecs:
            if c["name"] == PREDICT_ID:
                self._predict = Predict(c["configuration"]["dtype"])
            elif c["name"] == "bytes":
                endian = c.get("configuration", {}).get("endian", "little")
                self.code_dtype = self.code_dtype.newbyteorder("<" if endian == "little" else ">")
            elif c["name"] == "blosc":
                self._decoders.append(numcodecs.Blosc())
            elif c["name"] == "zstd":
                self._decoders.append(numcodecs.Zstd())
            elif c["name"] == "gzip":
                self._decoders.append(numcodecs.GZip())
            else:
                raise ValueError(f"{path}: codec {c['name']!r} is not supported by this reader")

    def _key(self, idx):
        parts = [str(i) for i in idx]
        return os.path.join(self.path, *([self.key_prefix] + parts if self.key_prefix else [self.separator.join(parts)]))

    def _decode(self, data, shape):
        for d in reversed(self._decoders):
            data = d.decode(data)
        if self._predict is not None:
            return self._predict.decode(data).view(self.code_dtype).reshape(shape)
        return np.frombuffer(bytes(data), dtype=self.code_dtype).reshape(shape)

    def _read_chunk(self, grid_idx):
        """One chunk of the grid (a whole shard when sharded), filled where nothing was written."""
        out = np.full(self.chunks, self.fill, dtype=self.code_dtype)
        key = self._key(grid_idx)
        if not os.path.exists(key):
            return out
        with open(key, "rb") as f:
            blob = f.read()
        if self.inner is None:
            return self._decode(blob, self.chunks)
        counts = [s // i for s, i in zip(self.chunks, self.inner)]
        n = int(np.prod(counts))
        size = n * 16 + (4 if self.index_crc else 0)
        index = blob[-size:]
        if self.index_crc:
            stored = struct.unpack("<I", index[-4:])[0]
            if crc32c(index[:-4]) != stored:
                raise ValueError(f"{key}: shard index crc32c mismatch (stored {stored:#010x}, computed {crc32c(index[:-4]):#010x})")
        entries = np.frombuffer(index[: n * 16], dtype="<u8").reshape(n, 2)
        for flat, (offset, nbytes) in enumerate(entries):
            if offset == _EMPTY and nbytes == _EMPTY:
                continue
            pos = np.unravel_index(flat, counts)
            sl = tuple(slice(p * i, (p + 1) * i) for p, i in zip(pos, self.inner))
            out[sl] = self._decode(blob[int(offset): int(offset) + int(nbytes)], self.inner)
        return out

    def read(self, t0, t1):
        out = np.empty((t1 - t0,) + self.shape[1:], dtype=self.code_dtype)
        ct = self.chunks[0]
        rest = [range(-(-s // c)) for s, c in zip(self.shape[1:], self.chunks[1:])]
        for c0 in range(t0 // ct, -(-t1 // ct) if t1 > t0 else t0 // ct):
            for idx in np.ndindex(*[len(r) for r in rest]):
                chunk = self._read_chunk((c0,) + idx)
                a, b = max(t0, c0 * ct), min(t1, (c0 + 1) * ct)
                src = [slice(a - c0 * ct, b - c0 * ct)]
                dst = [slice(a - t0, b - t0)]
                for d, i in enumerate(idx, start=1):
                    lo, hi = i * self.chunks[d], min(self.shape[d], (i + 1) * self.chunks[d])
                    src.append(slice(0, hi - lo))
                    dst.append(slice(lo, hi))
                out[tuple(dst)] = chunk[tuple(src)]
        return out


def _array_path(path):
    """The array inside an OME-Zarr image group (``0``), or ``path`` itself."""
    if os.path.exists(os.path.join(path, ".zarray")) or _is_v3_array(path):
        return path
    if os.path.exists(os.path.join(path, ".zgroup")) or os.path.exists(os.path.join(path, "zarr.json")):
        inner = os.path.join(path, "0")
        if os.path.exists(os.path.join(inner, ".zarray")) or _is_v3_array(inner):
            return inner
    raise FileNotFoundError(f"{path}: no Zarr array (.zarray or zarr.json) here or at {path}/0")


def _is_v3_array(path):
    p = os.path.join(path, "zarr.json")
    return os.path.exists(p) and _read_json(p).get("node_type") == "array"


class LevelArray:
    """A PhotonCodec archive as levels: ``shape``, ``dtype``, ``[t]``/``[a:b:s]`` along time, ``np.asarray``.

    Reads only the chunks the frames asked for live in; Quantized codes go through ``attributes.photon.decode_lut``.
    """

    def __init__(self, path):
        self.path = _array_path(os.fspath(path))
        self._store = _V3Store(self.path) if os.path.exists(os.path.join(self.path, "zarr.json")) else _V2Store(self.path)
        self.attrs = self._store.attributes
        photon = self.attrs.get("photon") or {}
        self.mode = photon.get("mode")
        if self.mode == "float":
            raise NotImplementedError(f"{path}: Float archives store s(level); open_levels decodes Quantized and Lossless archives")
        if self.mode == "quantized":
            self.codec = DecodeLut(photon["decode_lut"], photon["original_dtype"], photon["code_dtype"])
        else:
            self.codec = None

    @property
    def shape(self):
        return self._store.shape

    @property
    def dtype(self):
        return np.dtype(self.codec.dtype) if self.codec else np.dtype(self._store_dtype())

    def _store_dtype(self):
        s = self._store
        return s.code_dtype if isinstance(s, _V3Store) else np.dtype(s.dtype)

    def __len__(self):
        return self.shape[0]

    def _levels(self, stored):
        if self.codec is None or (self._store.filtered and isinstance(self._store, _V2Store)):
            return stored
        return self.codec.decode(stored).reshape(stored.shape)

    def __getitem__(self, key):
        rest = ()
        if isinstance(key, tuple):
            key, rest = key[0], key[1:]
        t = self.shape[0]
        if isinstance(key, (int, np.integer)):
            i = int(key) + t if key < 0 else int(key)
            if not 0 <= i < t:
                raise IndexError(f"frame {key} is outside 0..{t - 1}")
            out = self._levels(self._store.read(i, i + 1))[0]
        elif isinstance(key, slice):
            start, stop, step = key.indices(t)
            if step == 1 or start == stop:
                out = self._levels(self._store.read(start, max(start, stop)))
            else:
                lo, hi = (start, stop) if step > 0 else (stop + 1, start + 1)
                block = self._levels(self._store.read(lo, max(lo, hi)))
                out = block[start - lo: (stop - lo) if stop - lo >= 0 else None: step]
        else:
            raise TypeError(f"index the time axis with an int or a slice, not {type(key).__name__}")
        return out[rest] if rest else out

    def __array__(self, dtype=None):
        a = self[:]
        return a.astype(dtype) if dtype is not None else a

    def __repr__(self):
        return f"LevelArray({self.path!r}, shape={self.shape}, dtype={self.dtype}, mode={self.mode})"


def open_levels(path):
    """Opens a PhotonCodec archive (v2, v3-sharded, OME-Zarr 0.4/0.5) as a lazily decoded array of levels."""
    return LevelArray(path)
