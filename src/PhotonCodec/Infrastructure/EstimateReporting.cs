using System.Globalization;
using System.Management.Automation;
using PhotonCodec.Core.Calibration;

namespace PhotonCodec.Infrastructure;

/// <summary>Tells the user what was measured when photon parameters were estimated: the figures as verbose, the doubts as warnings.</summary>
internal static class EstimateReporting
{
    public static void Report(Cmdlet cmdlet, string path, PhotonTransferEstimate? e)
    {
        if (e is null) return;
        cmdlet.WriteVerbose(string.Format(CultureInfo.InvariantCulture,
            "{0}: estimated gain {1:G4} ± {2:G2} levels/photon, zero level {3:G4}, read noise {4:G3} levels (R² {5:0.000}, {6} frames, {7}).",
            path, e.Gain, e.GainStdError, e.ZeroLevel, e.ReadNoise, e.FitR2, e.FramesUsed, e.Method));
        foreach (string warning in e.Warnings) cmdlet.WriteWarning($"{path}: {warning}");
    }
}
