using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Monitor.Dedup;

namespace Monitor.Benchmarks;

/// <summary>
/// LSH candidate lookups in an index of <see cref="Signatures"/> stored MinHash signatures (32 bands × 3 rows, the
/// defaults). Stored signatures are real MinHash signatures (<c>MinHash(96).Signature</c>) of random sets of 150
/// random 64-bit shingle hashes, added with dates spread over the 90-day horizon in order. A 2,000-character article
/// stores about 6 signatures (one per window of 100 shingles every 50), so 1,000,000 signatures are about 170,000
/// articles. The index is built once per size and shared by the benchmarks (in process, <see cref="InProcessConfig"/>);
/// the last one's cleanup times the daily ageing (<see cref="LshIndex.RemoveOlderThan"/> of the oldest day).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class LookupBenchmarks
{
    private const int ShinglesPerSet = 150;

    private static Index? _shared;

    private readonly HashSet<long> _candidates = [];
    private Index _index = null!;

    [Params(100_000, 1_000_000)]
    public int Signatures { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (_shared?.Signatures != Signatures)
        {
            _shared = null; // the other size goes before this one is built
            _shared = new Index(Signatures);
        }
        _index = _shared;
    }

    [GlobalCleanup(Target = nameof(CandidatesArticleWindows))]
    public void Cleanup()
    {
        var started = Stopwatch.GetTimestamp();
        var removed = _index.Lsh.RemoveOlderThan(_index.AddedUntil.AddDays(-new DedupOptions().HorizonDays + 1));
        Console.WriteLine($"// RemoveOlderThan (the oldest day): {removed:N0} signatures removed in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s, {_index.Lsh.Count:N0} left");
        _shared = null;
        _index = null!;
    }

    private int Count(uint[] signature)
    {
        _candidates.Clear();
        _index.Lsh.Candidates(signature, _candidates);
        return _candidates.Count;
    }

    /// <summary>The common case: a signature unrelated to every stored one.</summary>
    [Benchmark]
    public int CandidatesFreshSignature() => Count(_index.Fresh);

    /// <summary>A signature close to one stored signature (Jaccard 0.67 between the shingle sets).</summary>
    [Benchmark]
    public int CandidatesNearCopy() => Count(_index.NearCopy);

    /// <summary>What <c>Deduplicator.NearCopy</c> does for a new ~2,000-character article: every window's signature into one new set.</summary>
    [Benchmark]
    public int CandidatesArticleWindows()
    {
        var candidates = new HashSet<long>();
        foreach (var signature in _index.Article)
            _index.Lsh.Candidates(signature, candidates);
        return candidates.Count;
    }

    private sealed class Index
    {
        public Index(int count)
        {
            Signatures = count;
            var options = new DedupOptions();
            var minHash = new MinHash(options.Bands * options.Rows);
            var rng = new Random(42);
            var target = count / 2;
            ulong[] targetShingles = [];

            // Signatures first (not counted in the index's memory), then the index.
            var started = Stopwatch.GetTimestamp();
            var all = new uint[(long)count * minHash.HashCount];
            var shingles = new ulong[ShinglesPerSet];
            for (var i = 0; i < count; i++)
            {
                RandomShingles(rng, shingles);
                minHash.Signature(shingles, all.AsSpan(i * minHash.HashCount, minHash.HashCount));
                if (i == target)
                    targetShingles = [.. shingles];
            }
            var signing = Stopwatch.GetElapsedTime(started);

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var pausedBefore = GC.GetTotalPauseDuration();
            var gen2Before = GC.CollectionCount(2);
            started = Stopwatch.GetTimestamp();
            Lsh = new LshIndex(options.Bands, options.Rows);
            AddedUntil = DateTimeOffset.UtcNow;
            var horizon = TimeSpan.FromDays(options.HorizonDays);
            for (var i = 0; i < count; i++)
                Lsh.Add(i, all.AsSpan(i * minHash.HashCount, minHash.HashCount), AddedUntil - horizon * ((double)(count - i) / count));
            var filling = Stopwatch.GetElapsedTime(started);
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var gen2 = GC.CollectionCount(2) - gen2Before;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(all);

            RandomShingles(rng, shingles);
            Fresh = minHash.Signature(shingles);
            // A near copy of the stored set number `target`: 80% of its shingles kept, 20% replaced (Jaccard 120/180 = 0.67).
            for (var i = 0; i < ShinglesPerSet / 5; i++)
                targetShingles[i] = unchecked((ulong)rng.NextInt64());
            NearCopy = minHash.Signature(targetShingles);
            var english = SyntheticNews.English(1);
            Article = new Deduplicator(new SeedCorpus([]), Options.Create(options), TimeProvider.System)
                .Fingerprint(english.Title, english.Summary, english.Content).Signatures;

            Console.WriteLine($"// LshIndex with {Lsh.Count:N0} signatures: signing {signing.TotalSeconds:0.0} s; adding {filling.TotalSeconds:0.0} s " +
                $"({filling.TotalNanoseconds / count / 1000:0.00} µs per signature, GC pauses {paused.TotalSeconds:0.0} s, {gen2} gen-2 collections); " +
                $"managed memory {(after - before) / 1048576.0:N0} MiB ({(double)(after - before) / count:0} bytes per signature); " +
                $"process working set {Environment.WorkingSet / 1048576.0:N0} MiB");
            var found = new HashSet<long>();
            Lsh.Candidates(NearCopy, found);
            var fresh = new HashSet<long>();
            Lsh.Candidates(Fresh, fresh);
            var article = new HashSet<long>();
            foreach (var signature in Article)
                Lsh.Candidates(signature, article);
            Console.WriteLine($"// Candidates: fresh {fresh.Count}, near copy {found.Count} (the stored one among them: {found.Contains(target)}), " +
                $"new article ({Article.Count} signatures) {article.Count}");
        }

        public int Signatures { get; }

        public LshIndex Lsh { get; }

        public DateTimeOffset AddedUntil { get; }

        public uint[] Fresh { get; }

        public uint[] NearCopy { get; }

        public IReadOnlyList<uint[]> Article { get; }

        private static void RandomShingles(Random rng, ulong[] shingles)
        {
            for (var i = 0; i < shingles.Length; i++)
                shingles[i] = unchecked((ulong)rng.NextInt64());
        }
    }
}
