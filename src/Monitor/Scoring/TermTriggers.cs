namespace Monitor.Scoring;

/// <summary>
/// Which terms and excludes of a watchlist set an article may match, from the phrases it holds: a term needs one of its
/// phrases (or the left side of one of its NEAR pairs), unless it has a pattern of another kind, a regular expression,
/// which is tried on every article. An article holds a handful of the set's hundreds of phrases, so the matcher looks
/// at the patterns of a few terms only. Built once per set: the set is not changed after loading.
/// </summary>
internal sealed class TermTriggers
{
    private readonly int[] _termBase;
    private readonly int[] _excludeBase;
    private readonly int[][] _slotsByPhrase;
    private readonly int[] _always;

    public TermTriggers(WatchlistSet set)
    {
        var byPhrase = new List<int>[set.Phrases.Count];
        var always = new List<int>();
        _termBase = new int[set.Watchlists.Count];
        _excludeBase = new int[set.Watchlists.Count];
        var slot = 0;
        for (var w = 0; w < set.Watchlists.Count; w++)
        {
            _termBase[w] = slot;
            foreach (var term in set.Watchlists[w].Terms)
                Add(term, slot++);
            _excludeBase[w] = slot;
            foreach (var exclude in set.Watchlists[w].Excludes)
                Add(exclude, slot++);
        }
        Slots = slot;
        _slotsByPhrase = [.. byPhrase.Select(slots => slots?.Distinct().ToArray() ?? [])];
        _always = [.. always.Distinct()];
        WantSeedBonus = set.Watchlists.Any(w => w.SeedBonus > 0);

        void Add(WatchlistTerm term, int slot)
        {
            foreach (var pattern in term.Patterns)
            {
                switch (pattern)
                {
                    case PhrasePattern p:
                        AddPhrase(p.Phrase, slot);
                        break;
                    case NearPattern near:
                        AddPhrase(near.Left, slot);
                        break;
                    default:
                        always.Add(slot);
                        break;
                }
            }
        }

        // A phrase the set's table does not have is never found, as in Scratch.First.
        void AddPhrase(int phrase, int slot)
        {
            if (phrase >= 0 && phrase < byPhrase.Length)
                (byPhrase[phrase] ??= []).Add(slot);
        }
    }

    /// <summary>One per term and exclude of the set.</summary>
    public int Slots { get; }

    /// <summary>Whether a watchlist of the set adds a seed bonus (else the seed similarity need not be computed).</summary>
    public bool WantSeedBonus { get; }

    public int Term(int watchlist, int term) => _termBase[watchlist] + term;

    public int Exclude(int watchlist, int exclude) => _excludeBase[watchlist] + exclude;

    /// <summary>Sets <paramref name="candidates"/>[slot] for every term and exclude that the phrases found may match; clears the others.</summary>
    public void Mark(List<int> phrasesFound, bool[] candidates)
    {
        Array.Clear(candidates, 0, Slots);
        foreach (var slot in _always)
            candidates[slot] = true;
        foreach (var phrase in phrasesFound)
            foreach (var slot in _slotsByPhrase[phrase])
                candidates[slot] = true;
    }
}
