using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

/// <summary>
/// Evaluates the part of feedparser's <c>Expect:</c> expressions (Python) that maps onto what Monitor keeps of a feed:
/// feed and entry titles, entry summaries/descriptions given as plain text, entry links, publication dates, entry counts,
/// and well-formedness ("bozo"). Clauses about things Monitor does not keep (tags, enclosures, authors' e-mail,
/// sanitised HTML markup...) are not applicable.
/// </summary>
internal static partial class FeedCorpusExpectations
{
    public enum Verdict { Pass, Fail, NotApplicable }

    public sealed record Clause(string Field, Verdict Verdict, string Text);

    /// <summary>Clauses of <paramref name="expect"/> evaluated against the parse result (null when the parse failed).</summary>
    public static IEnumerable<Clause> Evaluate(string expect, ParsedFeed? feed, string document, Uri feedUrl)
    {
        foreach (var raw in SplitClauses(expect))
        {
            var clause = raw.Trim();
            if (clause is "bozo" or "not bozo")
            {
                var bozo = feed is null || feed.Repairs.Count > 0;
                yield return new Clause("bozo", (clause == "bozo") == bozo ? Verdict.Pass : Verdict.Fail, clause);
                continue;
            }
            if (LengthOfEntries().Match(clause) is { Success: true } length)
            {
                yield return new Clause("len(entries)", feed is not null && feed.Items.Count == int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture) ? Verdict.Pass : Verdict.Fail, clause);
                continue;
            }
            var comparison = Comparison().Match(clause);
            if (!comparison.Success)
            {
                yield return new Clause("other", Verdict.NotApplicable, clause);
                continue;
            }
            var scope = comparison.Groups["scope"].Value;
            var field = comparison.Groups["field"].Value;
            var literal = comparison.Groups["literal"].Value;
            var index = scope.StartsWith("entries", StringComparison.Ordinal) ? int.Parse(Digits().Match(scope).Value, CultureInfo.InvariantCulture) : -1;
            var name = (index >= 0 ? "entry." : "feed.") + field;

            if (field.EndsWith("_parsed", StringComparison.Ordinal))
            {
                // Monitor keeps one date per entry: published, else updated. An updated_parsed expectation applies only when the entry has no published date.
                var applies = index >= 0 && (field == "published_parsed" || (field == "updated_parsed" && !HasPublishedElement(document)));
                if (!applies || feed is null || index >= feed.Items.Count || !literal.StartsWith('('))
                {
                    yield return new Clause(name, applies && feed is null ? Verdict.Fail : Verdict.NotApplicable, clause);
                    continue;
                }
                var parts = literal.Trim('(', ')').Split(',').Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture)).ToArray();
                var expected = new DateTimeOffset(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], TimeSpan.Zero);
                yield return new Clause(name, feed.Items[index].Published == expected ? Verdict.Pass : Verdict.Fail, clause);
                continue;
            }

            if (!TryPythonString(literal, out var value))
            {
                yield return new Clause(name, Verdict.NotApplicable, clause);
                continue;
            }
            string? actual;
            switch (index, field)
            {
                case (-1, "title"):
                    actual = feed?.Title;
                    break;
                case (>= 0, "title"):
                    actual = feed is not null && index < feed.Items.Count ? feed.Items[index].Title : null;
                    break;
                case (>= 0, "summary" or "description") when !value.Contains('<'):
                    actual = feed is not null && index < feed.Items.Count ? feed.Items[index].Summary : null;
                    break;
                case (>= 0, "link"):
                    actual = feed is not null && index < feed.Items.Count ? feed.Items[index].Url : null;
                    value = UrlCanonicalizer.Canonicalize(value, feedUrl) ?? value;
                    break;
                default:
                    yield return new Clause(name, Verdict.NotApplicable, clause);
                    continue;
            }
            // feedparser gives titles and summaries as HTML; Monitor keeps text. Values with tags do not compare;
            // the others are compared as the text they stand for (&lt;blink&gt; is the text "<blink>").
            if (field != "link")
            {
                if (value.Contains('<'))
                {
                    yield return new Clause(name, Verdict.NotApplicable, clause);
                    continue;
                }
                value = System.Net.WebUtility.HtmlDecode(value);
            }
            yield return new Clause(name, Normalize(actual) == Normalize(value) ? Verdict.Pass : Verdict.Fail, $"{clause} (got '{actual}')");
        }
    }

    private static string? Normalize(string? text) => text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool HasPublishedElement(string document) =>
        document.Contains("<published", StringComparison.Ordinal) || document.Contains("<pubDate", StringComparison.Ordinal)
        || document.Contains("<issued", StringComparison.Ordinal) || document.Contains(":date>", StringComparison.Ordinal);

    /// <summary>Splits on " and " outside string literals.</summary>
    private static IEnumerable<string> SplitClauses(string expect)
    {
        var start = 0;
        char? quote = null;
        for (var i = 0; i < expect.Length; i++)
        {
            var c = expect[i];
            if (quote is not null)
            {
                if (c == '\\')
                    i++;
                else if (c == quote)
                    quote = null;
            }
            else if (c is '\'' or '"')
                quote = c;
            else if (string.CompareOrdinal(expect, i, " and ", 0, 5) == 0)
            {
                yield return expect[start..i];
                start = i + 5;
                i += 4;
            }
        }
        yield return expect[start..];
    }

    /// <summary>A Python string literal ('...', "...", u'...') with its escapes; false for anything else.</summary>
    private static bool TryPythonString(string literal, out string value)
    {
        value = "";
        var text = literal.Trim();
        if (text.StartsWith('u') || text.StartsWith('b'))
            text = text[1..];
        if (text.Length < 2 || text[0] is not ('\'' or '"') || text[^1] != text[0])
            return false;
        var body = text[1..^1];
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 >= body.Length)
            {
                builder.Append(body[i]);
                continue;
            }
            var next = body[++i];
            switch (next)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'x': builder.Append((char)int.Parse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; break;
                case 'u': builder.Append((char)int.Parse(body.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                case 'U': builder.Append(char.ConvertFromUtf32(int.Parse(body.AsSpan(i + 1, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture))); i += 8; break;
                default: builder.Append(next); break;
            }
        }
        value = builder.ToString();
        return true;
    }

    [GeneratedRegex(@"^(?<scope>feed|entries\[\d+\])(?:\[['""](?<field>\w+)['""]\]|\.(?<field>\w+))(?:\[['""]value['""]\])?\s*==\s*(?<literal>.+)$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^len\(entries\)\s*==\s*(\d+)$")]
    private static partial Regex LengthOfEntries();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
