using Microsoft.Extensions.Logging;
using Monitor.Text;

namespace Monitor.Dedup;

/// <summary>
/// The seed corpus: every file of the seeds folder stripped of boilerplate, split into passages and fingerprinted
/// once at start, with an inverted index from shingle to passages so that an article is compared only with the
/// passages it shares text with (exact and sub-linear: a seed corpus is small enough to index every shingle).
/// Lines of fewer than <see cref="MinLineWords"/> words are left out, and consecutive lines are grouped until a
/// passage holds <see cref="PassageWords"/> words, so that a seed page that bundles several articles yields passages
/// an article can be fully contained in. For the cross-language check, runs of <see cref="WindowPassages"/>
/// passages (about 400 words, one article or a large part of one) carry their anchors.
/// </summary>
public sealed class SeedCorpus
{
    private const int MinLineWords = 6;
    private const int PassageWords = 120;
    private const int WindowPassages = 3;

    private readonly Dictionary<uint, List<int>> _index = new();

    public SeedCorpus(IReadOnlyList<SeedPassage> passages)
    {
        Passages = passages;
        for (var i = 0; i < passages.Count; i++)
        {
            foreach (var shingle in passages[i].Shingles)
            {
                if (!_index.TryGetValue(shingle, out var list))
                    _index[shingle] = list = [];
                list.Add(i);
            }
        }

        var windows = new List<SeedWindow>();
        foreach (var file in passages.GroupBy(p => p.SeedFile))
        {
            var list = file.OrderBy(p => p.Index).ToList();
            for (var start = 0; start == 0 || start + WindowPassages <= list.Count; start++)
            {
                var run = list.Skip(start).Take(WindowPassages).ToList();
                var text = string.Join("\n", run.Select(p => p.Text));
                windows.Add(new SeedWindow(file.Key, run[0].Index, run[^1].Index, Anchor.Of("", text), text));
            }
        }
        Windows = windows;
    }

    public IReadOnlyList<SeedPassage> Passages { get; }

    public IReadOnlyList<SeedWindow> Windows { get; }

    public int FileCount => Passages.Select(p => p.SeedFile).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Passage indices that contain <paramref name="shingle"/>.</summary>
    public IReadOnlyList<int> PassagesWith(uint shingle) => _index.TryGetValue(shingle, out var list) ? list : [];

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
        var corpus = new SeedCorpus(passages);
        logger.LogInformation("Seed corpus {SeedsPath}: {Files} files, {Passages} passages fingerprinted", folder, corpus.FileCount, passages.Count);
        return corpus;
    }

    internal static IEnumerable<SeedPassage> Split(string fileName, string text, int shingleSize)
    {
        var index = 0;
        var words = new List<string>();
        var lines = new List<string>();
        foreach (var line in Boilerplate.Strip(text).Split('\n'))
        {
            var lineWords = WordTokenizer.Words(line);
            if (lineWords.Count < MinLineWords)
                continue;
            words.AddRange(lineWords);
            lines.Add(line);
            if (words.Count >= PassageWords)
            {
                yield return Passage(fileName, index++, lines, words, shingleSize);
                words.Clear();
                lines.Clear();
            }
        }
        if (words.Count > 0)
            yield return Passage(fileName, index, lines, words, shingleSize);
    }

    private static SeedPassage Passage(string fileName, int index, List<string> lines, List<string> words, int shingleSize)
    {
        var first = lines[0].Trim();
        var preview = first.Length > 80 ? first[..80] + "…" : first;
        return new SeedPassage(fileName, index, preview, Fingerprint.Fold(Shingles.Sequence(words, shingleSize)), string.Join("\n", lines));
    }
}
