using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Monitor.Dedup;
using Monitor.Text;

namespace Monitor.Benchmarks;

/// <summary>
/// Cost of fingerprinting one article (what <c>PollCycle</c> does for every new feed item before the dedup check),
/// and of its main steps on their own.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class FingerprintBenchmarks
{
    private readonly MinHash _minHash = new(new DedupOptions().Bands * new DedupOptions().Rows);
    private Deduplicator _dedup = null!;
    private NewsItem _english = null!;
    private NewsItem _french = null!;
    private string _englishText = "";
    private List<string> _englishWords = [];
    private ulong[] _shingles300 = [];

    [GlobalSetup]
    public void Setup()
    {
        _dedup = new Deduplicator(new SeedCorpus([]), Options.Create(new DedupOptions()), TimeProvider.System);
        _english = SyntheticNews.English(1);
        _french = SyntheticNews.French(2);
        _englishText = _english.Title + "\n" + _english.Content;
        _englishWords = WordTokenizer.Words(_englishText);
        _shingles300 = Shingles.Sequence(_englishWords, new DedupOptions().ShingleSize)[..300];
        Describe("English", _english);
        Describe("French", _french);
    }

    private void Describe(string name, NewsItem item)
    {
        var fingerprint = _dedup.Fingerprint(item.Title, item.Summary, item.Content);
        Console.WriteLine($"// {name} article: {item.Content.Length} characters, {fingerprint.WordCount} words, language '{fingerprint.Language}', " +
            $"{fingerprint.Shingles.Length} shingles, {fingerprint.Signatures.Count} signatures, {fingerprint.Anchors.Count} anchors: {string.Join(", ", fingerprint.Anchors)}");
    }

    [Benchmark]
    public Fingerprint FingerprintEnglish() => _dedup.Fingerprint(_english.Title, _english.Summary, _english.Content);

    [Benchmark]
    public Fingerprint FingerprintFrench() => _dedup.Fingerprint(_french.Title, _french.Summary, _french.Content);

    [Benchmark]
    public uint[] MinHashSignature300() => _minHash.Signature(_shingles300);

    [Benchmark]
    public ulong[] ShinglesSequenceEnglish() => Shingles.Sequence(_englishWords, 5);

    [Benchmark]
    public List<string> TokenizeEnglish() => WordTokenizer.Words(_englishText);

    [Benchmark]
    public string StripBoilerplateEnglish() => Boilerplate.Strip(_english.Content);

    [Benchmark]
    public HashSet<Anchor> AnchorsEnglish() => Anchor.Of(_english.Title, _english.Content, "en");
}
