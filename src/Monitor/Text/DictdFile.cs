using System.IO.Compression;
using System.Text;

namespace Monitor.Text;

/// <summary>
/// A dictionary in dictd's format, as Debian's dict-* packages install it: <c>NAME.index</c> (one line per headword:
/// headword, offset and length in dictd's base64 digits, tab-separated) and <c>NAME.dict.dz</c> (the entries'
/// text, dictzip-compressed: gzip that <see cref="GZipStream"/> reads whole). Read once; no dictd server involved.
/// </summary>
internal sealed class DictdFile
{
    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly byte[] _data;

    private DictdFile(byte[] data, IReadOnlyList<(string Headword, int Offset, int Length)> index)
    {
        _data = data;
        Index = index;
    }

    /// <summary>Each headword and where its entry is, in the index's order; no metadata (00-database-…).</summary>
    public IReadOnlyList<(string Headword, int Offset, int Length)> Index { get; }

    /// <summary>The index and dictionary files of <paramref name="basePath"/> (a path without extension).</summary>
    public static (string Index, string Dictionary) Files(string basePath) =>
        (basePath + ".index", basePath + ".dict.dz");

    /// <exception cref="IOException">A file is missing or unreadable.</exception>
    /// <exception cref="InvalidDataException">The dictionary is not gzip, or an index line points past it.</exception>
    public static DictdFile Load(string basePath)
    {
        var (indexPath, dictionaryPath) = Files(basePath);
        byte[] data;
        using (var file = File.OpenRead(dictionaryPath))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var whole = new MemoryStream())
        {
            gzip.CopyTo(whole);
            data = whole.ToArray();
        }
        var index = new List<(string, int, int)>();
        var number = 0;
        foreach (var line in File.ReadLines(indexPath, Encoding.UTF8))
        {
            number++;
            var fields = line.Split('\t');
            if (fields.Length < 3 || fields[0].StartsWith("00-database", StringComparison.Ordinal)
                || fields[0].StartsWith("00database", StringComparison.Ordinal))
                continue;
            var offset = Number(fields[1], indexPath, number);
            var length = Number(fields[2], indexPath, number);
            if (offset + length > data.Length)
                throw new InvalidDataException($"{indexPath}:{number}: entry beyond the end of {dictionaryPath}");
            index.Add((fields[0], (int)offset, (int)length));
        }
        return new DictdFile(data, index);
    }

    public string Text(int offset, int length) => Encoding.UTF8.GetString(_data, offset, length);

    private static long Number(string digits, string path, int line)
    {
        long value = 0;
        foreach (var c in digits)
        {
            var digit = Digits.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0 || value > int.MaxValue)
                throw new InvalidDataException($"{path}:{line}: '{digits}' is not a dictd number");
            value = value * 64 + digit;
        }
        return value;
    }
}
