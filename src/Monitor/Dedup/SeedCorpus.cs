using Microsoft.Extensions.Logging;
using Monitor.Text;

namespace Monitor.Dedup;

/// <summary>
/// The seed corpus: every file of the seeds folder split into passages and fingerprinted, with an inverted index
/// from shingle to passages so that an article is compared only with the passages it shares text with.
/// Lines of fewer than <see cref="MinLineWords"/> words (menus, buttons, cookie banners) are left out, and
/// consecutive lines are grouped until a passage holds <see cref="PassageWords"/> words, so that a seed page that
/// bundles several articles yields passages an article can be fully contained in.
/// </summary>
public sealed class SeedCorpus
{
    private const int MinLineWords = 6;
    private const int PassageWords = 120;

    private readonly Dictionary<ulong, List<int>> _index = new();
    private readonly Dictionary<string, HashSet<ulong>> _fileShingles = new(StringComparer.Ordinal);

    public SeedCorpus(IReadOnlyList<SeedPassage> passages)
    {
        Passages = passages;
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            if (!_fileShingles.TryGetValue(passage.SeedFile, out var fileSet))
                _fileShingles[passage.SeedFile] = fileSet = [];
            foreach (var shingle in passage.Shingles)
            {
                fileSet.Add(shingle);
                if (!_index.TryGetValue(shingle, out var list))
                    _index[shingle] = list = [];
                list.Add(i);
            }
        }
    }

    public IReadOnlyList<SeedPassage> Passages { get; }

    public int FileCount => _fileShingles.Count;

    /// <summary>Passages indices that contain <paramref name="shingle"/>.</summary>
    public IReadOnlyList<int> PassagesWith(ulong shingle) => _index.TryGetValue(shingle, out var list) ? list : [];

    public static SeedCorpus Load(string folder, int shingleSize, HtmlText htmlText, ILogger logger)
    {
        var passages = new List<SeedPassage>();
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Seed folder {SeedsPath} does not exist: no article will be recognised as already seen", folder);
            return new SeedCorpus(passages);
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".txt" or ".html" or ".htm" or ".md")
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var raw = File.ReadAllText(file);
            var text = Path.GetExtension(file).StartsWith(".htm", StringComparison.OrdinalIgnoreCase) ? htmlText.ToPlainText(raw) : raw;
            passages.AddRange(Split(Path.GetFileName(file), text, shingleSize));
        }
        logger.LogInformation("Seed corpus {SeedsPath}: {Passages} passages fingerprinted", folder, passages.Count);
        return new SeedCorpus(passages);
    }

    internal static IEnumerable<SeedPassage> Split(string fileName, string text, int shingleSize)
    {
        var index = 0;
        var words = new List<string>();
        var preview = "";
        foreach (var line in text.Split('\n'))
        {
            var lineWords = WordTokenizer.Words(line);
            if (lineWords.Count < MinLineWords)
                continue;
            if (words.Count == 0)
                preview = line.Trim().Length > 80 ? line.Trim()[..80] + "…" : line.Trim();
            words.AddRange(lineWords);
            if (words.Count >= PassageWords)
            {
                yield return new SeedPassage(fileName, index++, preview, Shingles.Of(words, shingleSize));
                words.Clear();
            }
        }
        if (words.Count > 0)
            yield return new SeedPassage(fileName, index, preview, Shingles.Of(words, shingleSize));
    }

    internal IReadOnlySet<ulong> FileShingles(string seedFile) => _fileShingles[seedFile];
}
