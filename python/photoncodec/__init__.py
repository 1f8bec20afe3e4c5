"""PhotonCodec archives as levels in Python: a numcodecs decode-table filter and ``open_levels``."""
from .codec import CODEC_ID, DecodeLut
from .reader import LevelArray, crc32c, open_levels

__all__ = ["CODEC_ID", "DecodeLut", "LevelArray", "crc32c", "open_levels"]
__version__ = "0.1.0"
