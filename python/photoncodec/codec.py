"""A numcodecs filter that maps PhotonCodec's stored codes to detector levels through the archive's decode table."""
import numpy as np
from numcodecs.abc import Codec
from numcodecs.compat import ensure_ndarray, ndarray_copy
from numcodecs.registry import register_codec

CODEC_ID = "photoncodec.decode_lut"


class DecodeLut(Codec):
    """Filter for a Quantized PhotonCodec archive: the chunk holds codes (``astype``), the array is levels (``dtype``).

    ``decode`` maps codes to levels via ``decode_lut[codes]``. ``encode`` is the inverse lookup: each level goes to the
    code whose level is nearest (ties to the lower code), so ``decode(encode(decode(c))) == decode(c)``; it is not
    PhotonCodec's quantizer (that rounds in the stabilized domain), only a way to write levels back as table codes.
    """

    codec_id = CODEC_ID

    def __init__(self, decode_lut, dtype, astype="|u1"):
        self.decode_lut = [int(v) for v in decode_lut]
        self.dtype = np.dtype(dtype).str
        self.astype = np.dtype(astype).str
        self._lut = np.asarray(self.decode_lut, dtype=self.dtype)
        if self._lut.size == 0:
            raise ValueError("decode_lut is empty")
        if self._lut.size > np.iinfo(np.dtype(self.astype)).max + 1:
            raise ValueError(f"decode_lut has {self._lut.size} entries; {self.astype} codes reach {np.iinfo(np.dtype(self.astype)).max + 1}")

    def decode(self, buf, out=None):
        codes = ensure_ndarray(buf).view(self.astype)
        if codes.size and int(codes.max()) >= self._lut.size:
            raise ValueError(f"code {int(codes.max())} is outside decode_lut ({self._lut.size} entries)")
        levels = self._lut[codes]
        return ndarray_copy(levels, out) if out is not None else levels

    def encode(self, buf):
        levels = ensure_ndarray(buf).view(self.dtype).astype(np.float64)
        lut = self._lut.astype(np.float64)
        order = np.argsort(lut, kind="stable")
        sorted_lut = lut[order]
        i = np.clip(np.searchsorted(sorted_lut, levels), 1, max(len(lut) - 1, 1))
        if len(lut) == 1:
            return np.zeros(levels.shape, dtype=self.astype)
        lower, upper = sorted_lut[i - 1], sorted_lut[i]
        pick = np.where(levels - lower <= upper - levels, i - 1, i)
        return order[pick].astype(self.astype)

    def get_config(self):
        return {"id": self.codec_id, "decode_lut": list(self.decode_lut), "dtype": self.dtype, "astype": self.astype}

    def __repr__(self):
        return f"DecodeLut(decode_lut=[{len(self.decode_lut)} entries], dtype={self.dtype!r}, astype={self.astype!r})"


register_codec(DecodeLut)
