using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>The <c>compressor</c> of a .zarray: always numcodecs' "blosc" here.</summary>
public sealed record ZarrCompressor(string CName = "zstd", int CLevel = 5, BloscShuffle Shuffle = BloscShuffle.Bit, int BlockSize = 0);
