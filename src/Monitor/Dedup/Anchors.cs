using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Text;

namespace Monitor.Dedup;

public enum AnchorKind
{
    /// <summary>A sum of money with its currency: "1 000 milliards de yuans" and "1 trillion yuan" are both cny:1e12.</summary>
    Amount,
    Percent,
    /// <summary>A plain number of at least 10 that is neither a year, a date nor an amount: "2,400 companies".</summary>
    Count,
    /// <summary>Day and month: "23 janvier", "January 23", "23. Januar", "1월 23일", "1月23日".</summary>
    Date,
    /// <summary>Month and year: "décembre 2024", "December 2024".</summary>
    Month,
    Weekday,
    Year,
    /// <summary>A capitalised word used as a name (not only at a sentence start), folded: "Shunyu", "Zhipu".</summary>
    Name,
    /// <summary>A product or model code mixing letters and digits: "H20", "6G", "B200".</summary>
    Code,
    /// <summary>A web site the text cites: "globaltimes.cn".</summary>
    Source,
}

/// <summary>A language-independent fact of a text, in canonical form (kind and value), for cross-language matching.</summary>
public readonly partial record struct Anchor(AnchorKind Kind, string Value)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Value}";

    /// <summary>The anchor <see cref="ToString"/> wrote, or null.</summary>
    public static Anchor? Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Enum.TryParse<AnchorKind>(text[..colon], ignoreCase: true, out var kind) ? new Anchor(kind, text[(colon + 1)..]) : null;
    }

    /// <summary>
    /// A prior on the IDF of a shared anchor of this kind: an amount or a date pins an event down more than a name
    /// of the same rarity; a weekday or a month barely does.
    /// </summary>
    public double KindFactor => Kind switch
    {
        AnchorKind.Amount => 1.5,
        AnchorKind.Date => 1.25,
        AnchorKind.Percent => 0.75,
        AnchorKind.Count => Value.Length <= 3 && Value.EndsWith('0') ? 0.4 : 0.75,
        AnchorKind.Month => 0.5,
        AnchorKind.Weekday => 0.25,
        _ => 1.0,
    };

    /// <summary>
    /// Reads the anchors of a text. Numbers are read with the language's decimal separator and scale words
    /// ("billion" is 10^9 in English, 10^12 in French and German), rounded to three significant digits.
    /// </summary>
    public static HashSet<Anchor> Of(string title, string body, string? language = null)
    {
        var text = title.Length == 0 ? body : title + "\n" + body;
        language ??= LanguageGuess.Of(text);
        var anchors = new HashSet<Anchor>();
        var taken = new List<(int Start, int End)>();

        var tokens = Tokenize(text);
        ReadDates(text, tokens, anchors, taken);
        foreach (Match m in CjkDatePattern().Matches(text))
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day is >= 1 and <= 31)
                anchors.Add(new Anchor(AnchorKind.Date, $"{month:00}-{day:00}"));
            taken.Add((m.Index, m.Index + m.Length));
        }
        foreach (Match m in CjkMonthYearPattern().Matches(text))
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12)
                anchors.Add(new Anchor(AnchorKind.Month, $"{m.Groups["year"].Value}-{month:00}"));
        }

        var decimalComma = language is "fr" or "de" or "id" or "es" or "it";
        // "4조 3,000억" (Korean) and "4兆3000億" (Japanese) are one number: 4.3 × 10^12.
        var numbers = CompoundPattern().Replace(text, m =>
            (double.Parse(m.Groups["high"].Value, CultureInfo.InvariantCulture) + double.Parse(m.Groups["low"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) / 1e4)
                .ToString("0.####", CultureInfo.InvariantCulture) + m.Groups["unit"].Value);
        foreach (Match m in NumberPattern().Matches(numbers))
        {
            if (taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Length))
                continue;
            if (ParseNumber(m.Groups["num"].Value, decimalComma) is not { } value)
                continue;
            var scaleWord = m.Groups["scale"].Value;
            var scale = Scale(scaleWord, language);
            var unit = Unit(m.Groups["cur"].Value) ?? Unit(m.Groups["unit"].Value);
            if (scale is null && scaleWord.Length > 0 && unit is null)
                continue;
            value *= scale ?? 1;
            if (unit == "pct")
                anchors.Add(new Anchor(AnchorKind.Percent, Round(value)));
            else if (unit is not null)
                anchors.Add(new Anchor(AnchorKind.Amount, unit + ":" + Round(value)));
            else if (scale is not null && value >= 1e4)
                anchors.Add(new Anchor(AnchorKind.Count, Round(value)));
            else if (value is >= 1900 and <= 2099 && value == Math.Floor(value) && m.Groups["num"].Value.Length == 4)
                anchors.Add(new Anchor(AnchorKind.Year, m.Groups["num"].Value));
            else if (value >= 10)
                anchors.Add(new Anchor(AnchorKind.Count, Round(value)));
        }

        foreach (Match m in UrlPattern().Matches(text))
        {
            var host = m.Groups["host"].Value.ToLowerInvariant();
            if (host.StartsWith("www.", StringComparison.Ordinal))
                host = host[4..];
            anchors.Add(new Anchor(AnchorKind.Source, host));
        }

        // A headline in Title Case capitalises every word: its names are read only when it is in sentence case.
        var titleWords = Tokenize(title).Select(t => title.Substring(t.Start, t.Length)).Where(w => w.Length > 3).ToList();
        var titleCase = titleWords.Count > 0 && titleWords.Count(w => char.IsUpper(w[0])) * 2 > titleWords.Count;
        AddNames(text, tokens, titleCase ? title.Length : 0, anchors);
        return anchors;
    }

    /// <summary>
    /// Capitalised words used as names: a word counts when it is capitalised somewhere other than at the start of a
    /// sentence, and never written in lower case in the text (so "Trade" in a headline is not a name, "Zhipu" is).
    /// Consecutive capitalised words, with the small words that join them ("Bureau of Industry and Security"), are one
    /// name: "Advanced Micro Devices" and "New York Times" are one entity each, not three words that other stories
    /// share. Names every outlet uses for this beat (China, Beijing, Trump, AI…) are left out: they say nothing of the
    /// event.
    /// </summary>
    private static void AddNames(string text, List<Token> tokens, int skipBefore, HashSet<Anchor> anchors)
    {
        var lowerCase = new HashSet<string>(StringComparer.Ordinal);
        var capitalised = new bool[tokens.Count];
        for (var k = 0; k < tokens.Count; k++)
        {
            var token = tokens[k];
            var span = WithoutPossessive(text.AsSpan(token.Start, token.Length));
            var hasDigit = false;
            foreach (var c in span)
                hasDigit |= char.IsAsciiDigit(c);
            if (hasDigit)
            {
                if (span.Length <= 12 && CodePattern().IsMatch(span))
                {
                    var code = WordTokenizer.Fold(span.ToString());
                    if (!UnitSuffixPattern().IsMatch(code))
                        anchors.Add(new Anchor(AnchorKind.Code, code));
                }
                continue;
            }
            if (char.IsLower(span[0]))
                lowerCase.Add(WordTokenizer.Fold(span.ToString()));
            else if (char.IsUpper(span[0]) && span.Length >= 2 && token.Start >= skipBefore)
                capitalised[k] = true;
        }

        for (var k = 0; k < tokens.Count; k++)
        {
            if (!capitalised[k])
                continue;
            // The run of capitalised words (and joining words between them) that starts here.
            var words = new List<string> { Word(k) };
            var end = k;
            for (var next = k + 1; next < tokens.Count && Adjacent(text, tokens[next - 1], tokens[next]); next++)
            {
                if (capitalised[next])
                {
                    end = next;
                    words.Add(Word(next));
                }
                // "and" joins within a name that has another small word ("Bureau of Industry and Security"); else it
                // joins two names ("Nvidia and Huawei").
                else if (Joiners.Contains(Word(next)) && next + 1 < tokens.Count && capitalised[next + 1] && Adjacent(text, tokens[next], tokens[next + 1])
                    && (!Conjunctions.Contains(Word(next)) || words.Any(Joiners.Contains)))
                    words.Add(Word(next));
                else
                    break;
            }
            var atStart = AtSentenceStart(text, tokens[k].Start);
            var first = 0;
            // A sentence's first word is capitalised anyway: "The" or a word also written in lower case is not part
            // of the name after it. Beat-wide names at the front go too: "US Commerce Department" is the
            // "Commerce Department" of another report.
            // At a sentence start, a first word joined to the name by a small word ("Shares of Advanced Micro
            // Devices") is the sentence's, not the name's.
            var startWordOutside = atStart && (Determiners.Contains(words[0]) || lowerCase.Contains(words[0]) || (words.Count > 1 && Joiners.Contains(words[1])));
            while (first < words.Count - 1 && (Joiners.Contains(words[first]) || CommonNames.Contains(words[first]) || (first == 0 && startWordOutside)))
                first++;
            var name = words.Skip(first).ToList();
            if (name.Count >= 2)
                anchors.Add(new Anchor(AnchorKind.Name, string.Join(' ', name)));
            else if (name.Count == 1 && (first > 0 || !atStart) && !lowerCase.Contains(name[0]) && !CommonNames.Contains(name[0]))
                anchors.Add(new Anchor(AnchorKind.Name, name[0]));
            k = end;
        }

        string Word(int k) => WordTokenizer.Fold(WithoutPossessive(text.AsSpan(tokens[k].Start, tokens[k].Length)).ToString());
    }

    /// <summary>Only a space (or two) between two words: a name does not run across punctuation or a line break.</summary>
    private static bool Adjacent(string text, Token first, Token second)
    {
        var gap = text.AsSpan(first.Start + first.Length, second.Start - first.Start - first.Length);
        return gap.Length is > 0 and <= 2 && gap.Trim(" \u00A0").IsEmpty;
    }

    /// <summary>Small words inside a name: "Bureau of Industry and Security", "Banque de France".</summary>
    private static readonly HashSet<string> Joiners = new(StringComparer.Ordinal) { "of", "and", "for", "de", "du", "des", "la", "le", "der", "fur", "und", "van", "von" };

    private static readonly HashSet<string> Conjunctions = new(StringComparer.Ordinal) { "and", "und" };

    /// <summary>Words that open a sentence before a name ("The Commerce Department") and are not part of it.</summary>
    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "that", "le", "la", "les", "un", "une", "der", "die", "das", "ein", "eine", "il", "lo", "gli", "el",
        "in", "on", "at", "by", "as", "for", "but", "and", "if", "when", "after", "while", "with", "from", "en", "au", "dans", "selon",
    };

    private static ReadOnlySpan<char> WithoutPossessive(ReadOnlySpan<char> word) =>
        word.Length > 2 && word[^1] == 's' && word[^2] is '\'' or '’' ? word[..^2] : word;

    /// <summary>A word of the text: a run of letters and digits, with inner hyphens and apostrophes ("agi-next", "l'h20").</summary>
    private readonly record struct Token(int Start, int Length);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 6);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i++;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))))
                i++;
            tokens.Add(new Token(start, i - start));
        }
        return tokens;
    }

    /// <summary>
    /// Dates written with a month name ("23 janvier", "23. Januar", "January 23", "Jan. 29"), month and year
    /// ("décembre 2024", "December of 2024"), and weekdays, read from the words around each month or weekday name.
    /// </summary>
    private static void ReadDates(string text, List<Token> tokens, HashSet<Anchor> anchors, List<(int Start, int End)> taken)
    {
        var months = MonthNames.GetAlternateLookup<ReadOnlySpan<char>>();
        var weekdays = WeekdayNames.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var k = 0; k < tokens.Count; k++)
        {
            var word = text.AsSpan(tokens[k].Start, tokens[k].Length);
            if (word.Length is < 3 or > 9 || !char.IsLetter(word[0]))
                continue;
            if (weekdays.TryGetValue(word, out var weekday))
            {
                anchors.Add(new Anchor(AnchorKind.Weekday, weekday.ToString(CultureInfo.InvariantCulture)));
                continue;
            }
            if (!months.TryGetValue(word, out var month))
                continue;

            // Day before: "23 janvier", "23. Januar", "1er mai".
            if (k > 0 && Day(text, tokens[k - 1]) is { } before && Separated(text, tokens[k - 1], tokens[k]))
            {
                anchors.Add(new Anchor(AnchorKind.Date, $"{month:00}-{before:00}"));
                taken.Add((tokens[k - 1].Start, tokens[k].Start + tokens[k].Length));
            }
            // Day after: "January 23", "Jan. 29", "March 3rd"; not "May 2.5" nor "May 10,000".
            else if (k + 1 < tokens.Count && Day(text, tokens[k + 1]) is { } after && Separated(text, tokens[k], tokens[k + 1]))
            {
                var end = tokens[k + 1].Start + tokens[k + 1].Length;
                if (!(end + 1 < text.Length && text[end] is '.' or ',' && char.IsAsciiDigit(text[end + 1])))
                {
                    anchors.Add(new Anchor(AnchorKind.Date, $"{month:00}-{after:00}"));
                    taken.Add((tokens[k].Start, end));
                }
            }
            // Month and year: "décembre 2024", "December of 2024", "mai de 2023".
            var next = k + 1;
            if (next < tokens.Count && text.AsSpan(tokens[next].Start, tokens[next].Length) is "de" or "of" && next + 1 < tokens.Count)
                next++;
            if (next < tokens.Count && tokens[next].Length == 4 && Separated(text, tokens[next - 1], tokens[next])
                && text.AsSpan(tokens[next].Start, 4) is var year && (year.StartsWith("19") || year.StartsWith("20")) && int.TryParse(year, out _))
                anchors.Add(new Anchor(AnchorKind.Month, $"{year}-{month:00}"));
        }
    }

    /// <summary>A day of the month: one or two digits, with an ordinal ending ("1er", "3rd") or none.</summary>
    private static int? Day(string text, Token token)
    {
        var span = text.AsSpan(token.Start, token.Length);
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
            digits++;
        if (digits is 0 or > 2 || (digits < span.Length && span[digits..] is not ("er" or "st" or "nd" or "rd" or "th" or "e")))
            return null;
        var day = int.Parse(span[..digits], CultureInfo.InvariantCulture);
        return day is >= 1 and <= 31 ? day : null;
    }

    /// <summary>Only spaces, or a period and spaces ("Jan. 29", "23. Januar"), between two words.</summary>
    private static bool Separated(string text, Token first, Token second)
    {
        var gap = text.AsSpan(first.Start + first.Length, second.Start - first.Start - first.Length);
        if (gap.Length > 0 && gap[0] == '.')
            gap = gap[1..];
        return gap.Length is > 0 and <= 3 && gap.Trim(" \u00A0\t").IsEmpty;
    }

    private static readonly Dictionary<string, int> MonthNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["january"] = 1, ["jan"] = 1, ["janvier"] = 1, ["janv"] = 1, ["januar"] = 1, ["januari"] = 1,
        ["february"] = 2, ["feb"] = 2, ["février"] = 2, ["fevrier"] = 2, ["févr"] = 2, ["fevr"] = 2, ["fév"] = 2, ["februar"] = 2, ["februari"] = 2,
        ["march"] = 3, ["mar"] = 3, ["mars"] = 3, ["märz"] = 3, ["marz"] = 3, ["maret"] = 3,
        ["april"] = 4, ["apr"] = 4, ["avril"] = 4, ["avr"] = 4,
        ["may"] = 5, ["mai"] = 5, ["mei"] = 5,
        ["june"] = 6, ["jun"] = 6, ["juin"] = 6, ["juni"] = 6,
        ["july"] = 7, ["jul"] = 7, ["juillet"] = 7, ["juil"] = 7, ["juli"] = 7,
        ["august"] = 8, ["aug"] = 8, ["août"] = 8, ["aout"] = 8, ["agustus"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["septembre"] = 9,
        ["october"] = 10, ["oct"] = 10, ["octobre"] = 10, ["oktober"] = 10, ["okt"] = 10,
        ["november"] = 11, ["nov"] = 11, ["novembre"] = 11,
        ["december"] = 12, ["dec"] = 12, ["décembre"] = 12, ["decembre"] = 12, ["dezember"] = 12, ["dez"] = 12, ["desember"] = 12,
    };

    private static readonly Dictionary<string, int> WeekdayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = 1, ["lundi"] = 1, ["montag"] = 1, ["senin"] = 1,
        ["tuesday"] = 2, ["mardi"] = 2, ["dienstag"] = 2, ["selasa"] = 2,
        ["wednesday"] = 3, ["mercredi"] = 3, ["mittwoch"] = 3, ["rabu"] = 3,
        ["thursday"] = 4, ["jeudi"] = 4, ["donnerstag"] = 4, ["kamis"] = 4,
        ["friday"] = 5, ["vendredi"] = 5, ["freitag"] = 5, ["jumat"] = 5,
        ["saturday"] = 6, ["samedi"] = 6, ["samstag"] = 6, ["sabtu"] = 6,
        ["sunday"] = 7, ["dimanche"] = 7, ["sonntag"] = 7, ["minggu"] = 7,
    };

    private static bool AtSentenceStart(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\u00A0' or '"' or '“' or '«' or '‘' or '\'' or '(' or '[' or '*' or '-' or '–' or '—')
                continue;
            return c is '.' or '!' or '?' or '\n' or '\r' or ':' or '…' or '。';
        }
        return true;
    }

    /// <summary>Names on nearly every article of the beat, in the languages of the feeds: no evidence of one event.</summary>
    private static readonly HashSet<string> CommonNames = new(StringComparer.Ordinal)
    {
        "china", "chinese", "chine", "chinois", "chinoise", "chinoises", "chinesische", "chinesischen", "tiongkok", "cina",
        "beijing", "pekin", "peking", "washington", "us", "usa", "u", "s", "america", "american", "americans", "amerique",
        "americain", "americaine", "americains", "etats", "unis", "etats-unis", "us-china", "united", "states", "trump", "biden", "xi", "jinping",
        "ai", "ia", "ki", "the", "le", "la", "les", "de", "du", "des", "der", "die", "das", "of", "and", "et", "und",
        "in", "en", "on", "a", "an", "mr", "mrs", "ms", "m", "dr", "inc", "ltd", "co", "corp", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "janvier", "fevrier", "mars", "avril", "mai",
        "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "januar", "februar", "marz", "juni",
        "juli", "oktober", "dezember", "europe", "european", "eu", "ue", "west", "western", "occident", "asia", "asie",
        "taiwan", "japan", "japon", "korea", "coree", "france", "french", "english", "english", "news", "read", "more",
    };

    private static string Round(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static double? ParseNumber(string raw, bool decimalComma)
    {
        var s = raw.Replace("\u00A0", " ", StringComparison.Ordinal).Replace("\u202F", " ", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        // A separator followed by exactly three digits is a thousands separator ("1,000", "1.000", "3,000"),
        // except the last one when the language writes decimals that way and more groups precede ("1.234,5").
        var parts = s.Split('.', ',');
        if (parts.Length == 1)
            return double.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) ? whole : null;
        var separators = s.Where(c => c is '.' or ',').ToList();
        var last = parts[^1];
        bool lastIsDecimal;
        if (separators.Distinct().Count() == 2)
            lastIsDecimal = true;
        else if (last.Length != 3)
            lastIsDecimal = true;
        else
            lastIsDecimal = parts.Length == 2 && (decimalComma ? separators[0] == ',' : separators[0] == '.') && parts[0] == "0";
        var integer = string.Concat(lastIsDecimal ? parts[..^1] : parts);
        var text = lastIsDecimal ? integer + "." + last : integer;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static double? Scale(string word, string language)
    {
        if (word.Length == 0)
            return null;
        var w = Lower(word).TrimEnd('.');
        return w switch
        {
            "thousand" or "mille" or "tausend" or "ribu" or "k" or "千" => 1e3,
            "万" or "만" => 1e4,
            "million" or "millions" or "millionen" or "mio" or "juta" or "m" or "mn" => 1e6,
            "亿" or "億" or "억" => 1e8,
            "billion" or "billions" or "billionen" => language is "fr" or "de" ? 1e12 : 1e9,
            "milliard" or "milliards" or "milliarde" or "milliarden" or "mrd" or "miliar" or "bn" or "b" => 1e9,
            "trillion" or "trillions" or "tn" or "triliun" or "万亿" or "兆" or "조" => 1e12,
            _ => null,
        };
    }

    private static string? Unit(string word)
    {
        if (word.Length == 0)
            return null;
        var w = Lower(word).Replace(" ", "", StringComparison.Ordinal);
        return w switch
        {
            "$" or "us$" or "usd" or "dollar" or "dollars" or "dolar" or "dolares" or "dólares" or "달러" or "美元" or "ドル" => "usd",
            "yuan" or "yuans" or "cny" or "rmb" or "renminbi" or "元" or "위안" or "人民币" or "¥" or "元人民币" => "cny",
            "€" or "eur" or "euro" or "euros" or "유로" or "欧元" => "eur",
            "£" or "gbp" or "pound" or "pounds" => "gbp",
            "%" or "％" or "percent" or "percentage" or "pourcent" or "prozent" or "persen" or "퍼센트" => "pct",
            _ => null,
        };
    }

    /// <summary>Lower case in composed form: folding would split Hangul syllables (억, 조) into their letters.</summary>
    private static string Lower(string word) => WordTokenizer.WithoutLoneSurrogates(word).Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();




    [GeneratedRegex(@"(?<month>\d{1,2})\s*(?:월|月)\s*(?<day>\d{1,2})\s*(?:일|日)")]
    private static partial Regex CjkDatePattern();


    [GeneratedRegex(@"(?<year>(?:19|20)\d\d)\s*(?:년|年)\s*(?<month>\d{1,2})\s*(?:월|月)")]
    private static partial Regex CjkMonthYearPattern();


    [GeneratedRegex(
        @"(?<cur>US\$|\$|€|£|¥|RMB\s?|CNY\s?|USD\s?|EUR\s?)?(?<![A-Za-z0-9.,])(?<num>\d{1,3}(?:[\u00A0\u202F ,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![A-Za-z]+\d)" +
        @"(?:\s*(?<scale>(?:trillions?|tn|billions?|billionen|bn|milliards?|milliarden?|mrd\.?|miliar|triliun|millions?|millionen|mio\.?|mn|juta|thousand|mille|tausend|ribu|[kmb])(?![a-z])|万亿|万|亿|億|兆|千|조|억|만))?" +
        @"(?:(?:\s*|-)(?:de\s+|d'|d’|of\s+)?(?<unit>%|％|percent|per\s?cent|pour\s?cent|prozent|persen|퍼센트|dollars?|dólares|dolar|USD|yuans?|CNY|RMB|renminbi|元人民币|元|위안|人民币|美元|달러|ドル|euros?|EUR|유로|欧元|€|£|pounds?)(?![a-z]))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?<high>\d+)\s*(?<unit>조|兆)\s*(?<low>\d{1,3}(?:,\d{3})?|\d{1,4})\s*(?:억|億)")]
    private static partial Regex CompoundPattern();

    [GeneratedRegex(@"(?:https?://|\bwww\.)(?<host>[a-z0-9.-]+\.[a-z]{2,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();


    /// <summary>Letters and digits together, as in model and product names: "H20", "6G", "GPT-4", "B200".</summary>
    [GeneratedRegex(@"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?$")]
    private static partial Regex CodePattern();

    /// <summary>Numbers with a unit or an ordinal ending: "24h", "7j", "10-man", "3rd", "1er".</summary>
    [GeneratedRegex(@"^\d+(?:-?(?:h|j|d|m|s|km|kg|ans?|er|e|eme|th|st|nd|rd|man|men|year|years|fold))$")]
    private static partial Regex UnitSuffixPattern();


}
