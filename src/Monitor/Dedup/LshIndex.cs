using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Monitor.Dedup;

/// <summary>
/// Locality-sensitive hashing over MinHash signatures (banding): the signature is cut into <c>bands</c> runs of
/// <c>rows</c> values, and two signatures are candidates when they agree on a whole band. With 32 bands of 3 rows,
/// texts with Jaccard 0.3 collide with probability 0.58, 0.5 with 0.98, 0.1 with 0.03; unrelated texts practically
/// never. Candidates then get an exact check by the caller.
/// <para>
/// Storage is compact and lookups cost O(bands × log n): each band keeps a sorted array of
/// (band hash &lt;&lt; 32 | entry) searched by binary search, plus a hashed batch of recent additions (chained, no allocation per signature) merged
/// in when it fills. Removed entries (aged out) are skipped and dropped at the next merge.
/// Thread-safe: lookups share a read lock, additions and removals take the write lock.
/// </para>
/// </summary>
public sealed class LshIndex
{
    private const int MinBatch = 4096;

    private readonly int _bands;
    private readonly int _rows;
    private readonly ulong[][] _sorted;
    // Recent additions per band: band hash → newest link; links chain the entries with that hash (no list per hash).
    private readonly Dictionary<uint, int>[] _recent;
    private readonly List<(uint Key, int Entry, int Next)>[] _links;
    private int _recentCount;
    private readonly List<long> _documents = [];
    private readonly List<long> _addedTicks = [];
    private readonly List<bool> _removed = [];
    private readonly ReaderWriterLockSlim _lock = new();
    private int _live;

    public LshIndex(int bands, int rows)
    {
        _bands = bands;
        _rows = rows;
        _sorted = new ulong[bands][];
        _recent = new Dictionary<uint, int>[bands];
        _links = new List<(uint Key, int Entry, int Next)>[bands];
        for (var b = 0; b < bands; b++)
        {
            _sorted[b] = [];
            _recent[b] = [];
            _links[b] = [];
        }
    }

    public int SignatureLength => _bands * _rows;

    /// <summary>Signatures currently indexed (removed ones excluded).</summary>
    public int Count => _live;

    /// <summary>Indexes one signature of <paramref name="document"/> (a document may have several, one per window).</summary>
    public void Add(long document, ReadOnlySpan<uint> signature, DateTimeOffset addedAt)
    {
        Span<uint> keys = stackalloc uint[_bands];
        BandKeys(signature, keys);
        _lock.EnterWriteLock();
        try
        {
            var entry = _documents.Count;
            _documents.Add(document);
            _addedTicks.Add(addedAt.UtcTicks);
            _removed.Add(false);
            _live++;
            for (var b = 0; b < _bands; b++)
            {
                ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(_recent[b], keys[b], out var exists);
                _links[b].Add((keys[b], entry, exists ? head : -1));
                head = _links[b].Count - 1;
            }
            // Batches grow with the index (an eighth of it) so that merging costs O(1) amortised per addition.
            if (++_recentCount >= Math.Max(MinBatch, _sorted[0].Length / 8))
                Merge();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds to <paramref name="documents"/> every document with a signature sharing a band with <paramref name="signature"/>.</summary>
    public void Candidates(ReadOnlySpan<uint> signature, ISet<long> documents)
    {
        Span<uint> keys = stackalloc uint[_bands];
        BandKeys(signature, keys);
        _lock.EnterReadLock();
        try
        {
            for (var b = 0; b < _bands; b++)
            {
                var key = keys[b];
                var sorted = _sorted[b];
                var i = LowerBound(sorted, (ulong)key << 32);
                for (; i < sorted.Length && unchecked((uint)(sorted[i] >> 32)) == key; i++)
                    Collect(Entry(sorted[i]), documents);
                if (_recent[b].TryGetValue(key, out var link))
                {
                    var links = CollectionsMarshal.AsSpan(_links[b]);
                    for (; link >= 0; link = links[link].Next)
                        Collect(links[link].Entry, documents);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Forgets every signature added before <paramref name="cutoff"/>; returns how many.</summary>
    public int RemoveOlderThan(DateTimeOffset cutoff)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = 0;
            for (var e = 0; e < _documents.Count; e++)
                if (!_removed[e] && _addedTicks[e] < cutoff.UtcTicks)
                {
                    _removed[e] = true;
                    removed++;
                }
            _live -= removed;
            if (removed > 0)
                Merge();
            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Collect(int entry, ISet<long> documents)
    {
        if (!_removed[entry])
            documents.Add(_documents[entry]);
    }

    /// <summary>Folds the recent batches into the sorted arrays (a linear merge), dropping removed entries. Caller holds the write lock.</summary>
    private void Merge()
    {
        for (var b = 0; b < _bands; b++)
        {
            var batch = new List<ulong>(_recentCount);
            foreach (var (key, entry, _) in _links[b])
                if (!_removed[entry])
                    batch.Add(((ulong)key << 32) | (uint)entry);
            var fresh = batch.ToArray();
            Array.Sort(fresh);
            var old = _sorted[b];
            var merged = new ulong[old.Length + fresh.Length];
            int i = 0, j = 0, k = 0;
            while (i < old.Length || j < fresh.Length)
            {
                ulong next;
                if (j >= fresh.Length || (i < old.Length && old[i] < fresh[j]))
                    next = old[i++];
                else
                    next = fresh[j++];
                if (!_removed[Entry(next)])
                    merged[k++] = next;
            }
            _sorted[b] = k == merged.Length ? merged : merged[..k];
            _recent[b].Clear();
            _links[b].Clear();
        }
        _recentCount = 0;
    }

    private void BandKeys(ReadOnlySpan<uint> signature, Span<uint> keys)
    {
        if (signature.Length != _bands * _rows)
            throw new ArgumentException($"signature has {signature.Length} values, the index expects {_bands * _rows}", nameof(signature));
        for (var b = 0; b < _bands; b++)
            keys[b] = unchecked((uint)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(signature.Slice(b * _rows, _rows)), b));
    }

    /// <summary>The entry number in the low half of a packed posting.</summary>
    private static int Entry(ulong packed) => unchecked((int)(uint)packed);

    private static int LowerBound(ulong[] array, ulong value)
    {
        int lo = 0, hi = array.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (array[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
