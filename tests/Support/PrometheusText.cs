using System.Globalization;
using System.Text.RegularExpressions;

namespace Queue.Tests.Support;

/// <summary>Reads /metrics as a Prometheus scraper would.</summary>
public static class PrometheusText
{
    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels contain <paramref name="labels"/>.</summary>
    public static double Sample(string text, string metric, string labels)
    {
        var lines = text.Split('\n').Where(l => Regex.IsMatch(l, $@"^{metric}\{{[^}}]*{Regex.Escape(labels)}[^}}]*\}} ")).ToArray();
        if (lines is not [var line]) throw new InvalidOperationException($"{lines.Length} samples of {metric}{{{labels}}} in:\n{text}");
        return double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
