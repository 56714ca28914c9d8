using System.Diagnostics;
using System.Text;

namespace Monitor.Text;

/// <summary>
/// A language to English through apertium pairs in turn: French, Italian and Portuguese go to Spanish first, because
/// Debian packages no direct pair to English for them and its Spanish-English pair is among its best.
/// </summary>
internal sealed class ApertiumChain(string language, IReadOnlyList<ApertiumPipeline> steps) : ITranslation
{
    /// <summary>The characters the apertium stream format reserves (the txt deformatter escapes the same).</summary>
    private const string Reserved = "\\[]^$/<>@{}";

    public string Treatment { get; } =
        "apertium " + string.Join("→", [language, .. steps.Skip(1).Select(Source), "en"]);

    public string? Missing() => steps.Select(s => s.Missing()).FirstOrDefault(m => m is not null);

    public string? Translate(string text, TimeSpan timeout, out string? failure)
    {
        var started = Stopwatch.GetTimestamp();
        var stream = Escape(text);
        foreach (var step in steps)
        {
            var left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                failure = $"apertium {step.Mode} not reached within {timeout.TotalMilliseconds:0} ms";
                return null;
            }
            if (step.Translate(stream, left, out failure) is not { } translated)
                return null;
            stream = translated;
        }
        failure = null;
        return Unescape(stream).Trim();
    }

    /// <summary>
    /// The text as apertium stream input: reserved characters escaped, and a blank last, which flushes the last word.
    /// </summary>
    internal static string Escape(string text)
    {
        var stream = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Reserved.Contains(c, StringComparison.Ordinal))
                stream.Append('\\').Append(c);
            // NUL ends a block; '~' marks words for the post-generator and would be taken for one.
            else if (c is '\0' or '~')
                stream.Append(' ');
            else
                stream.Append(c);
        }
        return stream.Append('\n').ToString();
    }

    internal static string Unescape(string stream)
    {
        if (!stream.Contains('\\', StringComparison.Ordinal))
            return stream;
        var text = new StringBuilder(stream.Length);
        for (var i = 0; i < stream.Length; i++)
        {
            if (stream[i] == '\\' && i + 1 < stream.Length)
                i++;
            text.Append(stream[i]);
        }
        return text.ToString();
    }

    /// <summary>The source language of a step in ISO 639-1 for the treatment's name: <c>spa-eng</c> → es.</summary>
    private static string Source(ApertiumPipeline step) => step.Mode.Split('-')[0] switch
    {
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "fra" => "fr",
        var code => code,
    };
}
