using System.Globalization;
using System.Management.Automation;
using PhotonCodec.Core.Calibration;

namespace PhotonCodec.Infrastructure;

/// <summary>Tells the user what was measured when photon parameters were estimated: the figures as verbose, the doubts as warnings.</summary>
internal static class EstimateReporting
{
    /// <param name="parameterSource">When some parameters were given ("Gain given; ZeroLevel, ReadNoise estimated"), said after the figures.</param>
    public static void Report(Cmdlet cmdlet, string path, PhotonTransferEstimate? e, string? parameterSource = null)
    {
        if (e is null) return;
        string used = parameterSource is null or "estimated" ? "" : $" Used: {parameterSource} (a given value replaces the estimate).";
        cmdlet.WriteVerbose(string.Format(CultureInfo.InvariantCulture,
            "{0}: estimated gain {1:G4} ± {2:G2} levels/photon, zero level {3:G4}, read noise {4:G3} levels (R² {5:0.000}, {6} frames, {7}).{8}",
            path, e.Gain, e.GainStdError, e.ZeroLevel, e.ReadNoise, e.FitR2, e.FramesUsed, e.Method, used));
        foreach (string warning in e.Warnings) cmdlet.WriteWarning($"{path}: {warning}");
    }
}
