using Microsoft.Extensions.Options;
using Monitor.Text;

namespace Monitor.Dedup;

/// <summary>
/// Says whether an article repeats the seed corpus, both ways round: the article's text is mostly inside one seed file
/// (a republication or an excerpt), or one seed passage is mostly inside the article (a seed article quoted in full
/// in a longer page). Shares are of shingles, so shared boilerplate or a shared phrase is far below the threshold.
/// The dedicated dedup issue adds MinHash/LSH and cross-language anchors on top.
/// </summary>
public sealed class ContainmentCheck(SeedCorpus corpus, IOptions<DedupOptions> options)
{
    public DedupVerdict Check(string title, string summary, string content)
    {
        var settings = options.Value;
        var words = WordTokenizer.Words(title + "\n" + summary + "\n" + content);
        var shingles = Shingles.Of(words, settings.ShingleSize);
        if (shingles.Count < settings.MinShingles || corpus.Passages.Count == 0)
            return DedupVerdict.New(0, settings.ContainmentThreshold);

        var hitsPerPassage = new Dictionary<int, int>();
        var hitsPerFile = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var shingle in shingles)
        {
            var passages = corpus.PassagesWith(shingle);
            if (passages.Count == 0)
                continue;
            foreach (var p in passages)
                hitsPerPassage[p] = hitsPerPassage.GetValueOrDefault(p) + 1;
            foreach (var file in passages.Select(p => corpus.Passages[p].SeedFile).Distinct())
                hitsPerFile[file] = hitsPerFile.GetValueOrDefault(file) + 1;
        }

        DedupVerdict best = DedupVerdict.New(0, settings.ContainmentThreshold);
        foreach (var (file, hits) in hitsPerFile)
        {
            var share = (double)hits / shingles.Count;
            if (share > best.Value)
            {
                var passage = hitsPerPassage.Where(h => corpus.Passages[h.Key].SeedFile == file).MaxBy(h => h.Value).Key;
                best = best with { SeedFile = file, PassageIndex = corpus.Passages[passage].Index, Measure = "article contained in seed", Value = share };
            }
        }
        foreach (var (p, hits) in hitsPerPassage)
        {
            var passage = corpus.Passages[p];
            var share = (double)hits / passage.Shingles.Count;
            if (share > best.Value)
                best = best with { SeedFile = passage.SeedFile, PassageIndex = passage.Index, Measure = "seed passage contained in article", Value = share };
        }

        return best.Value >= settings.ContainmentThreshold ? best with { IsDuplicate = true } : best with { IsDuplicate = false, SeedFile = null, PassageIndex = null, Measure = null };
    }
}
