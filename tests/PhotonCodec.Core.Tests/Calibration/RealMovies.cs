using System;
using System.Globalization;
using System.IO;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Calibration;

/// <summary>The real movies of ../shared/data, dumped to raw little-endian bytes by tifffile (the TIFF reader is tested elsewhere).</summary>
internal static class RealMovies
{
    public static InMemoryFrameSource Load(string fileName)
    {
        string tif = Path.Combine(RepoPaths.SharedData, fileName);
        Assert.True(File.Exists(tif), $"Test movie missing: {tif}");
        using var temp = new TempDir();
        string raw = temp.File("movie.raw");
        string shape = Python.Run("""
import sys, numpy as np, tifffile
a = tifffile.imread(sys.argv[1])
a = np.ascontiguousarray(a.astype(a.dtype.newbyteorder('<')))
a.tofile(sys.argv[2])
print(a.shape[0], a.shape[1], a.shape[2], a.dtype.name)
""", tif, raw).Trim();
        string[] parts = shape.Split(' ');
        int frames = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int height = int.Parse(parts[1], CultureInfo.InvariantCulture);
        int width = int.Parse(parts[2], CultureInfo.InvariantCulture);
        PixelType type = PixelTypeInfo.FromNumpyName(parts[3]);
        return new InMemoryFrameSource(File.ReadAllBytes(raw), type, frames, height, width);
    }

}
