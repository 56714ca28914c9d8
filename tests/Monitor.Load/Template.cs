using System.Text;

namespace Monitor.Load;

/// <summary>
/// Expands the sentence templates of <see cref="NewsTopics"/>: <c>{a|b|c}</c> picks one alternative (alternatives nest),
/// <c>$NAME</c> asks <see cref="Slots"/> for a value (a person, an amount, a date…). Every choice comes from the
/// article's own seeded <see cref="Random"/>, so the same seed gives the same text.
/// </summary>
internal static class Template
{
    public static string Expand(string template, Random random, Slots slots)
    {
        var output = new StringBuilder(template.Length + 32);
        Expand(template.AsSpan(), random, slots, output);
        return output.ToString();
    }

    private static void Expand(ReadOnlySpan<char> text, Random random, Slots slots, StringBuilder output)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{')
            {
                var end = Closing(text, i);
                var choice = Alternatives(text[(i + 1)..end]);
                var (start, length) = choice[random.Next(choice.Count)];
                Expand(text.Slice(i + 1 + start, length), random, slots, output);
                i = end + 1;
            }
            else if (c == '$' && i + 1 < text.Length && char.IsAsciiLetterUpper(text[i + 1]))
            {
                var j = i + 1;
                while (j < text.Length && (char.IsAsciiLetterUpper(text[j]) || text[j] == '_'))
                    j++;
                output.Append(slots.Value(text[(i + 1)..j].ToString(), random));
                i = j;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }
    }

    /// <summary>The index of the brace closing the one at <paramref name="open"/>.</summary>
    private static int Closing(ReadOnlySpan<char> text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{')
                depth++;
            else if (text[i] == '}' && --depth == 0)
                return i;
        }
        throw new FormatException($"unbalanced braces in template: {text.ToString()}");
    }

    /// <summary>The top-level alternatives inside one pair of braces, as (offset, length) pairs.</summary>
    private static List<(int Start, int Length)> Alternatives(ReadOnlySpan<char> inner)
    {
        var parts = new List<(int, int)>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '{')
                depth++;
            else if (inner[i] == '}')
                depth--;
            else if (inner[i] == '|' && depth == 0)
            {
                parts.Add((start, i - start));
                start = i + 1;
            }
        }
        parts.Add((start, inner.Length - start));
        return parts;
    }
}
