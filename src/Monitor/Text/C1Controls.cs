using System.Text;

namespace Monitor.Text;

/// <summary>
/// U+0080-U+009F are control characters no feed means. They appear when windows-1252 text (curly quotes, dashes, the
/// euro sign) was read as ISO-8859-1 somewhere upstream, as raw characters or as references such as &amp;#146;.
/// Map them back to the windows-1252 characters, as Universal Feed Parser does.
/// </summary>
public static class C1Controls
{
    public static string ToWindows1252(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0080', '\u009F'))
            return text;
        var windows1252 = Encoding.GetEncoding(1252);
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\u0080' and <= '\u009F')
            {
                var mapped = windows1252.GetString([(byte)chars[i]]);
                chars[i] = mapped.Length == 1 && mapped[0] is not (>= '\u0080' and <= '\u009F') ? mapped[0] : ' ';
            }
        }
        return new string(chars);
    }
}
