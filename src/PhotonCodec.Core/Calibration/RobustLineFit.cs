using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Weighted straight-line fit y = Slope·x + Intercept with Huber reweighting. Base weights are counts over the
/// predicted y: between plain count weights (bright, well-populated bins dominate, and scene changes there tilt the
/// line) and inverse-variance weights ∝ n/ŷ² (the dimmest bins dominate, and any excess there moves the intercept).
/// </summary>
internal readonly struct RobustLineFit
{
    private const double HuberK = 1.5;

    public double Slope { get; }
    public double Intercept { get; }
    public double SlopeStdError { get; }
    public double InterceptStdError { get; }
    public double R2 { get; }

    /// <summary>Final weight of each point relative to its base weight (1 = inlier, small = rejected as outlier).</summary>
    public double[] Robustness { get; }

    private RobustLineFit(double slope, double intercept, double slopeSe, double interceptSe, double r2, double[] robustness)
    {
        Slope = slope; Intercept = intercept; SlopeStdError = slopeSe; InterceptStdError = interceptSe; R2 = r2; Robustness = robustness;
    }

    public double Predict(double x) => Slope * x + Intercept;

    public static RobustLineFit Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<long> n, int iterations = 30)
    {
        int k = x.Count;
        if (k < 2) throw new ArgumentException("A line needs two points.", nameof(x));
        var baseWeight = new double[k];
        var robust = new double[k];
        double meanY = 0, totalN = 0;
        for (int i = 0; i < k; i++) { meanY += n[i] * y[i]; totalN += n[i]; }
        meanY /= totalN;
        double floor = Math.Max(Math.Abs(meanY) * 0.02, 1e-300);
        for (int i = 0; i < k; i++) { baseWeight[i] = n[i]; robust[i] = 1; }

        double slope = 0, intercept = 0;
        Solve(x, y, baseWeight, robust, out slope, out intercept);
        var residual = new double[k];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            for (int i = 0; i < k; i++)
            {
                double predicted = Math.Max(Math.Abs(slope * x[i] + intercept), floor);
                baseWeight[i] = n[i] / predicted;
                residual[i] = (y[i] - (slope * x[i] + intercept)) * Math.Sqrt(baseWeight[i]);
            }
            double scale = 1.4826 * MedianAbs(residual);
            if (!(scale > 0)) scale = 1e-300;
            for (int i = 0; i < k; i++)
            {
                double r = Math.Abs(residual[i]) / scale;
                robust[i] = r <= HuberK ? 1 : HuberK / r;
            }
            double oldSlope = slope;
            Solve(x, y, baseWeight, robust, out slope, out intercept);
            if (Math.Abs(slope - oldSlope) <= 1e-12 * Math.Abs(slope) && iteration > 2) break;
        }

        double sw = 0, swx = 0, swy = 0;
        for (int i = 0; i < k; i++)
        {
            double wi = baseWeight[i] * robust[i];
            sw += wi; swx += wi * x[i]; swy += wi * y[i];
        }
        double xbar = swx / sw, ybar = swy / sw;
        double ssRes = 0, ssTot = 0, sxx = 0;
        for (int i = 0; i < k; i++)
        {
            double wi = baseWeight[i] * robust[i];
            double r = y[i] - (slope * x[i] + intercept);
            ssRes += wi * r * r;
            ssTot += wi * (y[i] - ybar) * (y[i] - ybar);
            sxx += wi * (x[i] - xbar) * (x[i] - xbar);
        }
        // Residual scatter beyond counting noise (scene changes, model error) widens the errors, as it should.
        double sigma2 = k > 2 ? ssRes / (k - 2) : double.NaN;
        double slopeSe = sxx > 0 ? Math.Sqrt(sigma2 / sxx) : double.NaN;
        double interceptSe = sxx > 0 ? Math.Sqrt(sigma2 * (1 / sw + xbar * xbar / sxx)) : double.NaN;
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : 0;
        return new RobustLineFit(slope, intercept, slopeSe, interceptSe, r2, robust);
    }

    private static void Solve(IReadOnlyList<double> x, IReadOnlyList<double> y, double[] w, double[] robust, out double slope, out double intercept)
    {
        // Centred sums keep the normal equations well conditioned for large levels.
        double sw = 0, swx = 0, swy = 0;
        for (int i = 0; i < x.Count; i++) { double wi = w[i] * robust[i]; sw += wi; swx += wi * x[i]; swy += wi * y[i]; }
        double mx = swx / sw, my = swy / sw;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double wi = w[i] * robust[i];
            double dx = x[i] - mx;
            sxx += wi * dx * dx;
            sxy += wi * dx * (y[i] - my);
        }
        slope = sxx > 0 ? sxy / sxx : 0;
        intercept = my - slope * mx;
    }

    private static double MedianAbs(double[] values)
    {
        var a = new double[values.Length];
        for (int i = 0; i < a.Length; i++) a[i] = Math.Abs(values[i]);
        Array.Sort(a);
        int m = a.Length / 2;
        return a.Length % 2 == 1 ? a[m] : 0.5 * (a[m - 1] + a[m]);
    }
}
