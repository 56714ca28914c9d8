using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Dedup;
using Monitor.Scoring;
using Monitor.Text;
using Monitor.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Tests.Scoring;

/// <summary>
/// Relevance with the shipped watchlists (config/watchlists.yaml) on the labelled news set (read in place from
/// <c>../shared/news-eval</c>, never copied) and on our own hard negatives: fails when precision or recall drops below 0.9.
/// </summary>
public sealed class RelevanceEvalTests(ITestOutputHelper output)
{
    private static readonly Lazy<SeedCorpus> Seeds = new(() => SeedCorpus.Load(NewsEval.SeedsFolder, 5, new HtmlText(), NullLogger.Instance));

    private static readonly string ShippedWatchlists = Path.Combine(AppContext.BaseDirectory, "defaults", "config", "watchlists.yaml");

    [SkippableFact]
    public void ShippedWatchlists_MeetPrecisionAndRecallOnTheNewsSet()
    {
        Skip.If(NewsEval.Missing is not null, NewsEval.Missing);
        var watchlists = new WatchlistLoader().Load(ShippedWatchlists);
        var matcher = new WatchlistMatcher(SeedVocabulary.From(Seeds.Value));
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var a in NewsEval.Articles)
        {
            var scored = matcher.Score(watchlists, a.TitleOrEmpty, "", a.Text);
            var predicted = scored.IsRelevant;
            if (predicted && a.Relevant) tp++;
            else if (predicted) fp++;
            else if (a.Relevant) fn++;
            else tn++;
            var best = scored.Scores.OrderByDescending(s => s.Score / s.Threshold).First();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(predicted == a.Relevant ? "ok  " : "MISS")} {a.Id} {a.Lang}/{scored.Language,-2} relevant={a.Relevant,-5} seed {scored.SeedSimilarity:0.000} {scored.ClosestSeed?[..3]} {best.Watchlist} {best.Score:0.##}/{best.Threshold:0.##}: {string.Join(", ", best.Matches.Select(m => m.Term))}"));
        }
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"news set: precision {precision:0.000}, recall {recall:0.000} (tp {tp}, fp {fp}, fn {fn}, tn {tn})"));

        Assert.True(precision >= 0.9, string.Create(CultureInfo.InvariantCulture, $"precision {precision:0.000} < 0.9"));
        Assert.True(recall >= 0.9, string.Create(CultureInfo.InvariantCulture, $"recall {recall:0.000} < 0.9"));
    }
}
