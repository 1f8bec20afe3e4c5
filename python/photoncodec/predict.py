"""A numcodecs filter for PhotonCodec's Max profile: ``photoncodec.predict`` (temporal prediction of integer frames).

An encoded chunk is one dimension of the chunk's dtype: a 16-byte header (version 1, method, element size, 0, frames and
pixels per frame as uint32 little-endian, 4 zero bytes), the reference frame, then the residual frames. Residuals are
(value - prediction) modulo 2**bits, zig-zag mapped (0, -1, 1, -2, ... -> 0, 1, 2, 3, ...). Methods: 0 none (the residuals
are the values), 1 baseline (every frame predicted by the reference, the chunk's per-pixel mean), 2 previous frame
(frame 0 by the reference, every other frame by the frame before it).
"""
import struct

import numpy as np
from numcodecs.abc import Codec
from numcodecs.compat import ensure_bytes, ndarray_copy
from numcodecs.registry import register_codec

PREDICT_ID = "photoncodec.predict"
HEADER = 16
NONE, BASELINE, PREVIOUS = 0, 1, 2


def _unsigned(dtype):
    return np.dtype(f"<u{np.dtype(dtype).itemsize}")


def unzigzag(residuals):
    """Zig-zag residuals (unsigned) back to the wrapped differences, as the same unsigned type."""
    r = residuals
    return (r >> 1) ^ (np.zeros_like(r) - (r & 1))


def zigzag(differences):
    """Wrapped differences (unsigned, modulo 2**bits) to zig-zag residuals of the same unsigned type."""
    bits = differences.dtype.itemsize * 8
    s = differences.view(differences.dtype.str.replace("u", "i"))
    return ((s << 1) ^ (s >> (bits - 1))).view(differences.dtype)


def decode_chunk(buf, dtype):
    """The values of one encoded chunk, shape (frames, pixels), as ``dtype``."""
    dtype = np.dtype(dtype)
    u = _unsigned(dtype)
    raw = ensure_bytes(buf)
    version, method, size, _, frames, pixels = struct.unpack_from("<BBBBII", raw, 0)
    if version != 1 or method not in (NONE, BASELINE, PREVIOUS) or size != dtype.itemsize:
        raise ValueError(f"{PREDICT_ID}: header version {version}, method {method}, size {size} is not a chunk of {dtype}")
    body = np.frombuffer(raw, dtype=u, offset=HEADER, count=(frames + 1) * pixels)
    reference, residuals = body[:pixels], body[pixels:].reshape(frames, pixels)
    if method == NONE:
        values = residuals.copy()
    elif method == BASELINE:
        values = reference + unzigzag(residuals)  # unsigned arithmetic wraps modulo 2**bits
    else:
        values = reference + np.cumsum(unzigzag(residuals), axis=0, dtype=u)
    return values.astype(u, copy=False).view(dtype)


class Predict(Codec):
    """Decodes (and encodes, with the per-pixel-mean baseline) PhotonCodec's ``photoncodec.predict`` chunks.

    The chunk's frames run along its first axis; ``encode`` takes an array of shape (frames, ...) and writes method 1.
    """

    codec_id = PREDICT_ID

    def __init__(self, dtype):
        self.dtype = np.dtype(dtype).str
        if np.dtype(dtype).kind not in "ui" or np.dtype(dtype).itemsize > 4:
            raise ValueError(f"{PREDICT_ID} predicts integers of 1, 2 or 4 bytes, not {dtype}")

    def encode(self, buf):
        a = np.asarray(buf).view(self.dtype)
        frames = a.shape[0] if a.ndim > 1 else 1
        values = a.reshape(frames, -1)
        mean = np.floor((2 * values.astype(np.int64).sum(axis=0) + frames) / (2 * frames)).astype(np.int64)
        u = _unsigned(self.dtype)
        reference = mean.astype(self.dtype).view(u)
        residuals = zigzag(values.view(u) - reference)
        header = struct.pack("<BBBBIII", 1, BASELINE, values.dtype.itemsize, 0, frames, values.shape[1], 0)
        return header + reference.tobytes() + residuals.tobytes()

    def decode(self, buf, out=None):
        values = decode_chunk(buf, self.dtype).reshape(-1)
        return ndarray_copy(values, out) if out is not None else values

    def get_config(self):
        return {"id": self.codec_id, "dtype": self.dtype}

    def __repr__(self):
        return f"Predict(dtype={self.dtype!r})"


register_codec(Predict)
