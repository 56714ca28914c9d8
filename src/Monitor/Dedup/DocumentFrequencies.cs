using System.Runtime.InteropServices;

namespace Monitor.Dedup;

/// <summary>
/// In how many remembered texts each content term and each anchor occurs: the IDF the beat teaches. On a beat
/// where every article names Nvidia and China those weigh almost nothing, while an amount, a date or a rare name
/// that two texts share weighs a lot. Not thread-safe: the deduplicator changes and reads it under its lock.
/// </summary>
public sealed class DocumentFrequencies
{
    private readonly Dictionary<uint, int> _terms = [];
    private readonly Dictionary<Anchor, int> _anchors = [];
    private readonly Dictionary<uint, int> _priorTerms = [];
    private readonly Dictionary<Anchor, int> _priorAnchors = [];
    private int _priorSize;

    /// <summary>Texts counted.</summary>
    public int Documents { get; private set; }

    public void Add(Fingerprint fingerprint) => Change(fingerprint, +1);

    /// <summary>
    /// A sample of the beat (the seed files) whose frequencies stand for <see cref="PriorDocuments"/> texts: on a new
    /// install, before any history, "Nvidia" and "DeepSeek" are already common; the history's own counts outweigh
    /// the sample as they grow.
    /// </summary>
    public void SetPrior(IReadOnlyCollection<Fingerprint> sample)
    {
        _priorTerms.Clear();
        _priorAnchors.Clear();
        _priorSize = sample.Count;
        foreach (var fingerprint in sample)
        {
            foreach (var term in fingerprint.Terms.Terms.Concat(fingerprint.EnglishTerms?.Terms ?? []).Distinct())
                _priorTerms[term] = _priorTerms.GetValueOrDefault(term) + 1;
            foreach (var anchor in fingerprint.Anchors)
                _priorAnchors[anchor] = _priorAnchors.GetValueOrDefault(anchor) + 1;
        }
    }

    public void Remove(Fingerprint fingerprint) => Change(fingerprint, -1);

    public void Clear()
    {
        _terms.Clear();
        _anchors.Clear();
        Documents = 0;
    }

    private void Change(Fingerprint fingerprint, int by)
    {
        Documents += by;
        // A translated text counts its English words too: they are what other languages are compared on.
        Count(fingerprint.Terms, by);
        if (fingerprint.EnglishTerms is { } english)
            Count(english, by);
        foreach (var anchor in fingerprint.Anchors)
        {
            ref var n = ref CollectionsMarshal.GetValueRefOrAddDefault(_anchors, anchor, out _);
            n += by;
            if (n <= 0)
                _anchors.Remove(anchor);
        }
    }

    private void Count(TermVector vector, int by)
    {
        foreach (var term in vector.Terms)
        {
            ref var n = ref CollectionsMarshal.GetValueRefOrAddDefault(_terms, term, out _);
            n += by;
            if (n <= 0)
                _terms.Remove(term);
        }
    }

    public double TermIdf(uint term) => Idf(_terms.GetValueOrDefault(term), _priorTerms.GetValueOrDefault(term));

    public double AnchorIdf(Anchor anchor) =>
        Idf(_anchors.GetValueOrDefault(anchor), _priorAnchors.GetValueOrDefault(anchor));

    public int AnchorFrequency(Anchor anchor) => _anchors.GetValueOrDefault(anchor);

    /// <summary>
    /// The probabilistic IDF of BM25, kept above zero (a word in every text still weighs a little), over the texts
    /// counted plus <see cref="PriorDocuments"/> texts of the prior sample (or of none, without one: a new install's
    /// first articles are not all "common" for lack of history).
    /// </summary>
    private double Idf(int frequency, int priorFrequency)
    {
        var documents = Documents + PriorDocuments;
        var df = frequency + (_priorSize == 0 ? 0 : (double)PriorDocuments * priorFrequency / _priorSize);
        return Math.Log(1 + (Math.Max(documents, df) - df + 0.5) / (df + 0.5));
    }

    public const int PriorDocuments = 50;
}
