using System;

namespace PhotonCodec.Core.Calibration;

/// <summary>The movie cannot give a photon-transfer estimate: fewer than two frames, identical frames, or no Poisson structure.</summary>
public sealed class PhotonTransferException : InvalidOperationException
{
    public PhotonTransferException(string message) : base(message) { }
}
