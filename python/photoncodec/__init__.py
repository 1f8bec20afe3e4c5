"""PhotonCodec archives as levels in Python: numcodecs filters (decode table, Max-profile prediction) and ``open_levels``."""
from .codec import CODEC_ID, DecodeLut
from .predict import PREDICT_ID, Predict, decode_chunk
from .reader import LevelArray, crc32c, open_levels

__all__ = ["CODEC_ID", "PREDICT_ID", "DecodeLut", "Predict", "decode_chunk", "LevelArray", "crc32c", "open_levels"]
__version__ = "0.1.0"
