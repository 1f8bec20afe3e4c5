using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;

namespace PhotonCodec.Core.Calibration;

/// <summary>The photon-transfer curve as a standalone SVG: bins, fitted line, zero-photon point, and the low-level histogram.</summary>
public static class PhotonTransferPlot
{
    private const double Width = 720, Height = 480, Left = 80, Right = 20, Top = 50, Bottom = 60;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string ToSvg(PhotonTransferEstimate estimate, string title)
    {
        if (estimate is null) throw new ArgumentNullException(nameof(estimate));
        var bins = estimate.Bins;
        double xMin = Math.Min(estimate.ZeroLevel, bins.Count > 0 ? bins.Min(b => b.MeanLevel) : 0);
        double xMax = bins.Count > 0 ? bins.Max(b => b.MeanLevel) : estimate.ZeroLevel + 1;
        double yMax = bins.Count > 0 ? bins.Max(b => b.Variance) : 1;
        double lineAtMax = estimate.Gain * xMax + estimate.FitIntercept;
        yMax = Math.Max(Math.Max(yMax, lineAtMax), estimate.ReadNoise * estimate.ReadNoise) * 1.05;
        if (!(xMax > xMin)) xMax = xMin + 1;
        if (!(yMax > 0)) yMax = 1;
        double X(double v) => Left + (v - xMin) / (xMax - xMin) * (Width - Left - Right);
        double Y(double v) => Height - Bottom - Math.Max(0, v) / yMax * (Height - Top - Bottom);
        // Legend, zero-photon label and warning stack in a block of text: the upper left, empty when the curve rises, or
        // else the lower right (below a rising line), whichever covers fewer bins.
        const double BlockWidth = 400, BlockHeight = 70;
        int Covered(double x0, double y0) => bins.Count(b => X(b.MeanLevel) >= x0 - 8 && X(b.MeanLevel) <= x0 + BlockWidth && Y(b.Variance) >= y0 && Y(b.Variance) <= y0 + BlockHeight);
        double bx = Left + 12, by = Top;
        if (Covered(bx, by) > Covered(Width - Right - BlockWidth, Height - Bottom - BlockHeight - 25)) { bx = Width - Right - BlockWidth; by = Height - Bottom - BlockHeight - 25; }

        var root = new XElement(Svg + "svg",
            new XAttribute("width", F(Width)), new XAttribute("height", F(Height)),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"), new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "12"));
        root.Add(new XElement(Svg + "rect", new XAttribute("width", F(Width)), new XAttribute("height", F(Height)), new XAttribute("fill", "white")));
        root.Add(Text(Width / 2, 22, title, "middle", "16"));
        root.Add(Text(Width / 2, 40, string.Format(CultureInfo.InvariantCulture,
            "gain {0} ± {1} levels/photon, zero level {2}, read noise {3}, R² {4:F3}",
            Significant(estimate.Gain, 4), Significant(estimate.GainStdError, 2), Significant(Snap(estimate.ZeroLevel, estimate.Gain), 4),
            Significant(Snap(estimate.ReadNoise, estimate.Gain), 3), estimate.FitR2), "middle", "12"));
        string? departure = estimate.Warnings.FirstOrDefault(w => w.StartsWith("The bright end departs", StringComparison.Ordinal));
        if (departure is not null)
            root.Add(new XElement(Svg + "text", new XAttribute("id", "bright-end-warning"), new XAttribute("x", F(bx)), new XAttribute("y", F(by + 62)),
                new XAttribute("text-anchor", "start"), new XAttribute("font-size", "11"), new XAttribute("fill", "#b30000"),
                "⚠ bright end departs from the line: saturation, nonlinearity or a changing scene"));

        // Axes, ticks and labels.
        var axes = new XElement(Svg + "g", new XAttribute("id", "axes"), new XAttribute("stroke", "black"));
        axes.Add(Line(Left, Height - Bottom, Width - Right, Height - Bottom), Line(Left, Top, Left, Height - Bottom));
        root.Add(axes);
        foreach (double xv in Ticks(xMin, xMax))
            root.Add(Line(X(xv), Height - Bottom, X(xv), Height - Bottom + 5, "black"), Text(X(xv), Height - Bottom + 18, Tick(xv), "middle", "11"));
        foreach (double yv in Ticks(0, yMax))
            root.Add(Line(Left - 5, Y(yv), Left, Y(yv), "black"), Text(Left - 8, Y(yv) + 4, Tick(yv), "end", "11"));
        root.Add(new XElement(Svg + "text", new XAttribute("id", "x-label"), new XAttribute("x", F(Width / 2)), new XAttribute("y", F(Height - 15)),
            new XAttribute("text-anchor", "middle"), "mean level (levels)"));
        root.Add(new XElement(Svg + "text", new XAttribute("id", "y-label"), new XAttribute("x", "18"), new XAttribute("y", F(Height / 2)),
            new XAttribute("text-anchor", "middle"), new XAttribute("transform", $"rotate(-90 18 {F(Height / 2)})"), "variance of frame differences / 2 (levels²)"));

        // Low-level histogram as a faint backdrop on the x axis (zero-photon peak).
        if (estimate.DarkHistogram.Count > 0)
        {
            long peak = estimate.DarkHistogram.Max(p => p.Value);
            var hist = new XElement(Svg + "g", new XAttribute("id", "level-histogram"), new XAttribute("fill", "#9ecae1"), new XAttribute("opacity", "0.6"));
            double barWidth = Math.Max(1, (X(xMax) - X(xMin)) / Math.Max(1, estimate.DarkHistogram.Count) / 2);
            foreach (var p in estimate.DarkHistogram)
            {
                if (p.Key < xMin || p.Key > xMax || peak == 0) continue;
                double h = p.Value / (double)peak * (Height - Top - Bottom) * 0.3;
                hist.Add(new XElement(Svg + "rect", new XAttribute("x", F(X(p.Key) - barWidth / 2)), new XAttribute("y", F(Height - Bottom - h)),
                    new XAttribute("width", F(barWidth)), new XAttribute("height", F(h))));
            }
            root.Add(hist);
        }

        // Bins: filled when used in the fit, hollow when left out.
        var points = new XElement(Svg + "g", new XAttribute("id", "bins"));
        foreach (var b in bins)
        {
            double r = 2 + Math.Min(4, Math.Log10(Math.Max(1, b.Count)) / 2);
            points.Add(new XElement(Svg + "circle", new XAttribute("cx", F(X(b.MeanLevel))), new XAttribute("cy", F(Y(b.Variance))), new XAttribute("r", F(r)),
                new XAttribute("fill", b.UsedInFit ? "#3182bd" : "none"), new XAttribute("stroke", "#3182bd"),
                new XElement(Svg + "title", string.Format(CultureInfo.InvariantCulture, "level {0:G6}, variance {1:G6}, {2} samples{3}", b.MeanLevel, b.Variance, b.Count, b.UsedInFit ? "" : ", not fitted"))));
        }
        root.Add(points);

        // Fitted line.
        double x0 = xMin, x1 = xMax;
        root.Add(new XElement(Svg + "line", new XAttribute("id", "fit"), new XAttribute("x1", F(X(x0))), new XAttribute("y1", F(Y(estimate.Gain * x0 + estimate.FitIntercept))),
            new XAttribute("x2", F(X(x1))), new XAttribute("y2", F(Y(estimate.Gain * x1 + estimate.FitIntercept))), new XAttribute("stroke", "#e6550d"), new XAttribute("stroke-width", "2")));

        // Zero-photon point: (zero level, read noise²). Its label sits in the empty upper left (the curve rises to the right),
        // joined to the point by a leader, so that it never covers the bins.
        double zx = X(estimate.ZeroLevel), zy = Y(estimate.ReadNoise * estimate.ReadNoise);
        double lx = bx, ly = by + 46;
        root.Add(new XElement(Svg + "g", new XAttribute("id", "zero-photon"),
            new XElement(Svg + "path", new XAttribute("d", $"M {F(zx - 6)} {F(zy)} L {F(zx)} {F(zy - 6)} L {F(zx + 6)} {F(zy)} L {F(zx)} {F(zy + 6)} Z"), new XAttribute("fill", "#31a354")),
            new XElement(Svg + "line", new XAttribute("x1", F(zx)), new XAttribute("y1", F(zy - 7)), new XAttribute("x2", F(lx + 4)), new XAttribute("y2", F(ly + 4)),
                new XAttribute("stroke", "#31a354"), new XAttribute("stroke-dasharray", "3 3")),
            Text(lx, ly, estimate.DarkPeakLevel.HasValue ? "◆ zero-photon peak (zero level, read noise²)" : "◆ zero level (intercept, no zero-photon peak)", "start", "11")));

        // The legend stacks in the upper left too: the bright bins, not the dim ones, reach the top of the plot.
        var legend = new XElement(Svg + "g", new XAttribute("id", "legend"));
        legend.Add(Text(bx, by + 14, "● bins in fit   ○ left out   — fitted line", "start", "11"));
        if (estimate.DarkHistogram.Count > 0)
        {
            legend.Add(new XElement(Svg + "rect", new XAttribute("x", F(bx)), new XAttribute("y", F(by + 21)), new XAttribute("width", "10"), new XAttribute("height", "10"),
                new XAttribute("fill", "#9ecae1"), new XAttribute("opacity", "0.6")));
            legend.Add(Text(bx + 14, by + 30, "samples per level near zero (histogram, scaled)", "start", "11"));
        }
        root.Add(legend);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString();
    }

    /// <summary>Round tick values (1, 2 or 5 × 10ⁿ apart), about five over [lo, hi].</summary>
    internal static IReadOnlyList<double> Ticks(double lo, double hi)
    {
        var ticks = new List<double>();
        if (!(hi > lo)) return ticks;
        double raw = (hi - lo) / 5, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = magnitude * (raw / magnitude < 1.5 ? 1 : raw / magnitude < 3.5 ? 2 : raw / magnitude < 7.5 ? 5 : 10);
        for (double v = Math.Ceiling(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        return ticks;
    }

    /// <summary>A tick label: large values with a k or M suffix, at most three decimals.</summary>
    private static string Tick(double v)
    {
        double a = Math.Abs(v);
        if (a >= 1e6) return (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M";
        if (a >= 1e4) return (v / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k";
        return v.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="value"/> rounded to <paramref name="digits"/> significant digits, without exponent for everyday magnitudes.</summary>
    internal static string Significant(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
        if (value == 0) return "0";
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        double rounded = Math.Round(value / Math.Pow(10, exponent - digits + 1)) * Math.Pow(10, exponent - digits + 1);
        if (exponent < -6 || exponent >= 7) return rounded.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int decimals = Math.Max(0, digits - 1 - exponent);
        return rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A level far below one thousandth of a photon is zero within the estimate's precision.</summary>
    private static double Snap(double level, double gain) => Math.Abs(level) < 1e-3 * Math.Max(gain, 1e-300) ? 0 : level;

    private static XElement Line(double x1, double y1, double x2, double y2, string? stroke = null)
    {
        var e = new XElement(Svg + "line", new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)));
        if (stroke is not null) e.Add(new XAttribute("stroke", stroke));
        return e;
    }

    private static XElement Text(double x, double y, string text, string anchor, string size = "12") =>
        new(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("text-anchor", anchor), new XAttribute("font-size", size), text);

    private static string F(double v) => (double.IsNaN(v) || double.IsInfinity(v) ? 0 : v).ToString("0.##", CultureInfo.InvariantCulture);
}
