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

    /// <summary>How much one shared anchor of this kind says that two texts report the same event.</summary>
    public double Weight => Kind switch
    {
        // An amount with its currency is rarely shared by chance; a name is, on a beat where every story names the
        // same companies (0.75: four shared names alone are not enough).
        AnchorKind.Amount => 3.0,
        AnchorKind.Source => 2.0,
        AnchorKind.Date => 2.0,
        AnchorKind.Code => 1.5,
        AnchorKind.Percent => 1.0,
        // Small round numbers (10, 20, 100) turn up everywhere; 2,400 or 46 are specific.
        AnchorKind.Count => Value.Length <= 3 && Value.EndsWith('0') ? 0.5 : 1.0,
        AnchorKind.Month => 1.0,
        AnchorKind.Name => 0.75,
        AnchorKind.Weekday => 0.5,
        _ => 0.25,
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

        foreach (Match m in DayMonthPattern().Matches(text))
            if (MonthNumber(m.Groups["month"].Value) is { } month && int.TryParse(m.Groups["day"].Value, out var day) && day is >= 1 and <= 31)
            {
                anchors.Add(new Anchor(AnchorKind.Date, $"{month:00}-{day:00}"));
                taken.Add((m.Index, m.Index + m.Length));
            }
        foreach (Match m in MonthDayPattern().Matches(text))
            if (MonthNumber(m.Groups["month"].Value) is { } month && int.TryParse(m.Groups["day"].Value, out var day) && day is >= 1 and <= 31)
            {
                anchors.Add(new Anchor(AnchorKind.Date, $"{month:00}-{day:00}"));
                taken.Add((m.Index, m.Index + m.Length));
            }
        foreach (Match m in CjkDatePattern().Matches(text))
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day is >= 1 and <= 31)
                anchors.Add(new Anchor(AnchorKind.Date, $"{month:00}-{day:00}"));
            taken.Add((m.Index, m.Index + m.Length));
        }
        foreach (Match m in MonthYearPattern().Matches(text))
            if (MonthNumber(m.Groups["month"].Value) is { } month)
                anchors.Add(new Anchor(AnchorKind.Month, $"{m.Groups["year"].Value}-{month:00}"));
        foreach (Match m in CjkMonthYearPattern().Matches(text))
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12)
                anchors.Add(new Anchor(AnchorKind.Month, $"{m.Groups["year"].Value}-{month:00}"));
        }
        foreach (Match m in WeekdayPattern().Matches(text))
            if (WeekdayNumber(m.Value) is { } weekday)
                anchors.Add(new Anchor(AnchorKind.Weekday, weekday.ToString(CultureInfo.InvariantCulture)));

        var decimalComma = language is "fr" or "de" or "id" or "es" or "it";
        // "4조 3,000억" (Korean) and "4兆3000億" (Japanese) are one number: 4.3 × 10^12.
        text = CompoundPattern().Replace(text, m =>
            (double.Parse(m.Groups["high"].Value, CultureInfo.InvariantCulture) + double.Parse(m.Groups["low"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) / 1e4)
                .ToString("0.####", CultureInfo.InvariantCulture) + m.Groups["unit"].Value);
        foreach (Match m in NumberPattern().Matches(text))
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
        var titleWords = WordPattern().Matches(title).Select(m => m.Value).Where(w => w.Length > 3).ToList();
        var titleCase = titleWords.Count > 0 && titleWords.Count(w => char.IsUpper(w[0])) * 2 > titleWords.Count;
        AddNames(titleCase ? body : text, anchors);
        return anchors;
    }

    /// <summary>
    /// Capitalised words used as names: a word counts when it is capitalised somewhere other than at the start of a
    /// sentence, and never written in lower case in the text (so "Trade" in a headline is not a name, "Zhipu" is).
    /// Names every outlet uses for this beat (China, Beijing, Trump, AI…) are left out: they say nothing of the event.
    /// </summary>
    private static void AddNames(string text, HashSet<Anchor> anchors)
    {
        var capitalisedMidSentence = new HashSet<string>(StringComparer.Ordinal);
        var lowerCase = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in WordPattern().Matches(text))
        {
            var word = PossessivePattern().Replace(m.Value, "");
            var folded = WordTokenizer.Fold(word);
            if (word.Any(char.IsDigit))
            {
                if (CodePattern().IsMatch(word) && !UnitSuffixPattern().IsMatch(folded))
                    anchors.Add(new Anchor(AnchorKind.Code, folded));
                continue;
            }
            if (char.IsLower(word[0]))
            {
                lowerCase.Add(folded);
                continue;
            }
            if (!char.IsUpper(word[0]) || word.Length < 2 || AtSentenceStart(text, m.Index))
                continue;
            capitalisedMidSentence.Add(folded);
        }
        foreach (var name in capitalisedMidSentence)
            if (!lowerCase.Contains(name) && !CommonNames.Contains(name))
                anchors.Add(new Anchor(AnchorKind.Name, name));
    }

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
        var parts = Regex.Split(s, "[.,]");
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
    private static string Lower(string word) => word.Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();

    private static int? MonthNumber(string name)
    {
        var w = WordTokenizer.Fold(name).TrimEnd('.');
        return w switch
        {
            "january" or "jan" or "janvier" or "januar" or "janv" or "januari" => 1,
            "february" or "feb" or "fevrier" or "februar" or "fev" or "februari" => 2,
            "march" or "mar" or "mars" or "marz" or "maret" => 3,
            "april" or "apr" or "avril" or "avr" => 4,
            "may" or "mai" or "mei" => 5,
            "june" or "jun" or "juin" or "juni" => 6,
            "july" or "jul" or "juillet" or "juil" or "juli" => 7,
            "august" or "aug" or "aout" or "agustus" => 8,
            "september" or "sep" or "sept" or "septembre" => 9,
            "october" or "oct" or "octobre" or "oktober" or "okt" => 10,
            "november" or "nov" or "novembre" => 11,
            "december" or "dec" or "decembre" or "dezember" or "dez" or "desember" => 12,
            _ => null,
        };
    }

    private static int? WeekdayNumber(string name) => WordTokenizer.Fold(name) switch
    {
        "monday" or "lundi" or "montag" or "senin" => 1,
        "tuesday" or "mardi" or "dienstag" or "selasa" => 2,
        "wednesday" or "mercredi" or "mittwoch" or "rabu" => 3,
        "thursday" or "jeudi" or "donnerstag" or "kamis" => 4,
        "friday" or "vendredi" or "freitag" or "jumat" => 5,
        "saturday" or "samedi" or "samstag" or "sabtu" => 6,
        "sunday" or "dimanche" or "sonntag" or "minggu" => 7,
        _ => null,
    };

    private const string Months =
        "january|february|march|april|may|june|july|august|september|october|november|december|jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?" +
        "|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|janv\\.?|févr?\\.?|avr\\.?|juil\\.?" +
        "|januar|februar|märz|juni|juli|oktober|dezember|januari|februari|maret|mei|agustus|desember";

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:er|\.)?\s+(?<month>" + Months + @")(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthPattern();

    [GeneratedRegex(@"(?<!\w)(?<month>" + Months + @")\s+(?<day>\d{1,2})(?:st|nd|rd|th)?\b(?![.,]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayPattern();

    [GeneratedRegex(@"(?<month>\d{1,2})\s*(?:월|月)\s*(?<day>\d{1,2})\s*(?:일|日)")]
    private static partial Regex CjkDatePattern();

    [GeneratedRegex(@"(?<!\w)(?<month>" + Months + @")\s+(?:de\s+|of\s+)?(?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthYearPattern();

    [GeneratedRegex(@"(?<year>(?:19|20)\d\d)\s*(?:년|年)\s*(?<month>\d{1,2})\s*(?:월|月)")]
    private static partial Regex CjkMonthYearPattern();

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayPattern();

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

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    /// <summary>Letters and digits together, as in model and product names: "H20", "6G", "GPT-4", "B200".</summary>
    [GeneratedRegex(@"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?$")]
    private static partial Regex CodePattern();

    /// <summary>Numbers with a unit or an ordinal ending: "24h", "7j", "10-man", "3rd", "1er".</summary>
    [GeneratedRegex(@"^\d+(?:-?(?:h|j|d|m|s|km|kg|ans?|er|e|eme|th|st|nd|rd|man|men|year|years|fold))$")]
    private static partial Regex UnitSuffixPattern();

    [GeneratedRegex(@"['’]s$")]
    private static partial Regex PossessivePattern();
}
