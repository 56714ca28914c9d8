using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using AngleSharp.Html;

namespace Monitor.Feeds;

/// <summary>
/// Lenient repair of feeds that are not well-formed XML, tried only after a strict parse failed, in the way
/// browsers and Universal Feed Parser forgive them. Each repair is recorded so the feed's state says what was wrong.
/// Text inside CDATA sections is never touched. Documents that declare their own entities are not repaired: they
/// are refused on purpose (see <see cref="XmlFeedParser"/>).
/// </summary>
public static partial class XmlRepair
{
    private static readonly HashSet<string> XmlEntities = new(StringComparer.Ordinal) { "amp", "lt", "gt", "quot", "apos" };

    /// <summary>Textual repairs: HTML entities, bare ampersands, forbidden control characters, a misplaced or bogus XML declaration.</summary>
    public static string RepairText(string text, ICollection<string> repairs)
    {
        // Only the prolog (before the root element) can hold the declaration; one inside CDATA is content.
        var rootAt = RootElementStart(text);
        var declaration = XmlDeclaration().Match(text[..rootAt]);
        if (declaration.Success && declaration.Index > 0)
        {
            // Something (a comment, a blank line, a BOM in the text) came before the declaration, which must be first.
            text = text.Remove(declaration.Index, declaration.Length);
            repairs.Add("XML declaration that was not at the start removed");
        }
        else if (declaration.Success && EncodingAttribute().Match(declaration.Value) is { Success: true } encoding && !KnownEncoding(encoding.Groups[1].Value))
        {
            // The text is already decoded; an encoding name .NET does not know only makes XmlReader fail.
            text = text.Remove(declaration.Index + encoding.Index, encoding.Length);
            repairs.Add($"unknown encoding '{encoding.Groups[1].Value}' in the XML declaration ignored");
        }

        var builder = new StringBuilder(text.Length + 64);
        var last = 0;
        int entities = 0, ampersands = 0, controls = 0, references = 0;
        // CDATA sections found with IndexOf, not a lazy regex (which rescans to the end for every unclosed opening:
        // quadratic on hostile input). An unclosed section runs to the end of the document.
        while (text.IndexOf("<![CDATA[", last, StringComparison.Ordinal) is var start and >= 0)
        {
            var end = text.IndexOf("]]>", start + 9, StringComparison.Ordinal);
            var stop = end < 0 ? text.Length : end + 3;
            builder.Append(RepairSegment(text[last..start], ref entities, ref ampersands, ref controls, ref references));
            builder.Append(text, start, stop - start);
            last = stop;
        }
        if (last < text.Length)
            builder.Append(RepairSegment(text[last..], ref entities, ref ampersands, ref controls, ref references));

        text = builder.ToString();
        builder.Clear();
        text = DeclareMissingPrefixes(text, repairs);

        if (entities > 0)
            repairs.Add($"{entities} HTML entit{(entities == 1 ? "y" : "ies")} that XML does not define replaced by their characters");
        if (ampersands > 0)
            repairs.Add($"{ampersands} unescaped '&' escaped");
        if (references > 0)
            repairs.Add($"{references} character reference{(references == 1 ? "" : "s")} written &#X corrected to &#x");
        if (controls > 0)
            repairs.Add($"{controls} character{(controls == 1 ? "" : "s")} forbidden in XML removed");
        return text;
    }

    /// <summary>Namespaces that feeds use without declaring, mapped to the URIs the parser knows them by.</summary>
    private static readonly Dictionary<string, string> CommonPrefixes = new(StringComparer.Ordinal)
    {
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["sy"] = "http://purl.org/rss/1.0/modules/syndication/",
    };

    /// <summary>More undeclared prefixes than this is not a feed with a forgotten declaration; it is not repaired.</summary>
    private const int MaxUndeclaredPrefixes = 20;

    /// <summary>Prefixes used in element names but declared nowhere get a declaration on the root element.</summary>
    private static string DeclareMissingPrefixes(string text, ICollection<string> repairs)
    {
        var declared = DeclaredPrefix().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var used = new List<string>();
        foreach (Match match in PrefixedElement().Matches(text))
        {
            var prefix = match.Groups[1].Value;
            if (prefix is "xml" or "xmlns" || declared.Contains(prefix) || used.Contains(prefix))
                continue;
            used.Add(prefix);
            if (used.Count > MaxUndeclaredPrefixes)
                return text;
        }
        var rootAt = RootElementStart(text);
        var root = RootName().Match(text, rootAt);
        if (used.Count == 0 || !root.Success || root.Index != rootAt)
            return text;
        var declarations = string.Concat(used.Select(p => $" xmlns:{p}=\"{CommonPrefixes.GetValueOrDefault(p, "urn:monitor:undeclared:" + p)}\""));
        repairs.Add($"undeclared namespace prefix{(used.Count == 1 ? "" : "es")} {string.Join(", ", used)} declared");
        return text.Insert(root.Index + root.Length, declarations);
    }

    /// <summary>Where the root element starts: after the XML declaration, comments, processing instructions and DOCTYPE.</summary>
    internal static int RootElementStart(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF')
                i++;
            else if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
                i = Skip(text, i + 4, "-->");
            else if (string.CompareOrdinal(text, i, "<?", 0, 2) == 0)
                i = Skip(text, i + 2, "?>");
            else if (string.CompareOrdinal(text, i, "<!", 0, 2) == 0)
                i = SkipDoctype(text, i + 2);
            else
                return i;
        }
        return text.Length;

        static int Skip(string text, int from, string end) => text.IndexOf(end, from, StringComparison.Ordinal) is var at and >= 0 ? at + end.Length : text.Length;

        // A DOCTYPE may hold an internal subset in brackets, itself containing '>'.
        static int SkipDoctype(string text, int from)
        {
            var depth = 0;
            for (var j = from; j < text.Length; j++)
            {
                if (text[j] == '[')
                    depth++;
                else if (text[j] == ']')
                    depth--;
                else if (text[j] == '>' && depth <= 0)
                    return j + 1;
            }
            return text.Length;
        }
    }

    /// <summary>
    /// Structural repair of a document that stops early (a truncated download, a missing "&lt;/rss&gt;"): drops a
    /// half-written tag at the end and closes the elements still open, so the items before the cut are kept.
    /// </summary>
    public static string? CloseTruncated(string text, XmlReaderSettings settings, ICollection<string> repairs)
    {
        var trimmed = PartialTagAtEnd().Replace(text.TrimEnd(), "");
        var open = new Stack<string>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(trimmed), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement)
                    open.Push(reader.Name);
                else if (reader.NodeType == XmlNodeType.EndElement)
                    open.Pop();
            }
            return null;
        }
        catch (XmlException) when (open.Count == 0)
        {
            // Broken before any element opened (empty document, text at the root): nothing to close.
            return null;
        }
        catch (XmlException ex) when (!AtEnd(trimmed, ex))
        {
            // Broken in the middle (crossed tags, a bad name): closing elements at the end would not help.
            return null;
        }
        catch (XmlException)
        {
            var closing = string.Concat(open.Select(name => $"</{name}>"));
            repairs.Add($"document ended early: closed {string.Join(", ", open.Select(n => $"<{n}>"))}");
            return trimmed + closing;
        }
    }

    /// <summary>Whether the reader failed at the end of the text, where a truncated document fails.</summary>
    private static bool AtEnd(string text, XmlException ex)
    {
        var lines = text.Split('\n');
        return ex.LineNumber >= lines.Length && ex.LinePosition >= lines[^1].TrimEnd('\r').Length;
    }

    private static string RepairSegment(string segment, ref int entities, ref int ampersands, ref int controls, ref int references)
    {
        var e = 0;
        var a = 0;
        var c = 0;
        var r = 0;
        var result = EntityOrAmpersand().Replace(segment, match =>
        {
            var name = match.Groups["name"];
            if (match.Groups["numeric"].Success)
            {
                // XML wants a lower-case x in hexadecimal references (&#x61;); HTML also accepts &#X61;.
                var reference = match.Value.Replace("&#X", "&#x", StringComparison.Ordinal);
                if (!ValidCharacterReference(reference))
                    return Count(ref c, "");
                if (reference != match.Value)
                    r++;
                return reference;
            }
            if (!name.Success)
                return Count(ref a, "&amp;");
            if (XmlEntities.Contains(name.Value))
                return match.Value;
            // With the semicolon the full HTML5 table answers; without it, only the few legacy names (&eacute, &nbsp).
            var symbol = HtmlEntityProvider.Resolver.GetSymbol(name.Value + ";");
            if (symbol is null)
                return Count(ref a, "&amp;" + name.Value + ";");
            e++;
            return string.Concat(symbol.EnumerateRunes().Select(r => string.Create(CultureInfo.InvariantCulture, $"&#x{r.Value:X};")));
        });
        entities += e;
        ampersands += a;
        references += r;

        result = ForbiddenCharacter().Replace(result, _ =>
        {
            c++;
            return "";
        });
        controls += c;
        return result;
    }

    private static string Count(ref int counter, string replacement)
    {
        counter++;
        return replacement;
    }

    /// <summary>A numeric reference is kept only when it names a character XML allows (&amp;#1; or &amp;#xD800; do not).</summary>
    private static bool ValidCharacterReference(string reference)
    {
        var hex = reference.StartsWith("&#x", StringComparison.OrdinalIgnoreCase);
        var digits = reference[(hex ? 3 : 2)..^1];
        if (!int.TryParse(digits, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            return false;
        return code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
    }

    private static bool KnownEncoding(string name)
    {
        try
        {
            Encoding.GetEncoding(name);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"<\?xml\s[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("""\s+encoding\s*=\s*["']([^"']*)["']""")]
    private static partial Regex EncodingAttribute();

    // An entity or character reference, or a lone '&'.
    [GeneratedRegex("&(?:(?<numeric>#[0-9]+;|#[xX][0-9a-fA-F]+;)|(?<name>[A-Za-z][A-Za-z0-9]*);)?")]
    private static partial Regex EntityOrAmpersand();

    // Characters XML 1.0 forbids even as text: C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF.
    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]")]
    private static partial Regex ForbiddenCharacter();

    [GeneratedRegex(@"</?([A-Za-z_][\w.-]*):[A-Za-z_]")]
    private static partial Regex PrefixedElement();

    // The root element's name, matched where RootElementStart says it begins.
    [GeneratedRegex(@"\G<[A-Za-z_][\w.:-]*")]
    private static partial Regex RootName();

    // xmlns:prefix = "..." (spaces around '=' allowed).
    [GeneratedRegex(@"xmlns:([A-Za-z_][\w.-]*)\s*=")]
    private static partial Regex DeclaredPrefix();

    [GeneratedRegex("<[^<>]*$")]
    private static partial Regex PartialTagAtEnd();
}
