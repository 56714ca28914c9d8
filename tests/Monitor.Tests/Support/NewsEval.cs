using System.Globalization;
using System.Text.Json;

namespace Monitor.Tests.Support;

/// <summary>One labelled article of a shared set (<c>../shared/news-eval</c> or <c>../shared/beat-stream</c>, see their READMEs).</summary>
public sealed record NewsEvalArticle(
    string Id, string Url, string Source, string Lang, string? Title, string Text, bool Relevant, string? DuplicateOfSeed, string? DupKind, string Story,
    DateTimeOffset? Published = null)
{
    /// <summary>Title and text as a feed item would carry them.</summary>
    public string TitleOrEmpty => Title ?? "";
}

/// <summary>
/// The labelled news set. It holds excerpts of others' articles, so it is read from <c>../shared/news-eval</c> (or
/// <c>MONITOR_NEWS_EVAL</c>) at test time and never copied into the repository. <see cref="Missing"/> says in one
/// sentence why the tests that need it cannot run.
/// </summary>
public static class NewsEval
{
    private static readonly Lazy<(IReadOnlyList<NewsEvalArticle> Articles, string? Missing)> Loaded = new(() => LabelledSet.Load("news-eval", "MONITOR_NEWS_EVAL"));

    public static IReadOnlyList<NewsEvalArticle> Articles => Loaded.Value.Articles;

    /// <summary>Null when the set was found; else where it was looked for.</summary>
    public static string? Missing => Loaded.Value.Missing;

    public static string SeedsFolder => Path.Combine(AppContext.BaseDirectory, "seeds");

    private static readonly Lazy<Monitor.Dedup.SeedCorpus> SeedCorpus = new(() =>
        Monitor.Dedup.SeedCorpus.Load(SeedsFolder, 5, new Monitor.Text.HtmlText(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

    /// <summary>The seed corpus shipped with the program, loaded once for the tests that compare with it.</summary>
    public static Monitor.Dedup.SeedCorpus Seeds => SeedCorpus.Value;
}

/// <summary>
/// The labelled beat stream (<c>../shared/beat-stream</c>, or <c>MONITOR_BEAT_STREAM</c>): real articles on the beat,
/// labelled by story and relevance, read in place like <see cref="NewsEval"/>.
/// </summary>
public static class BeatStream
{
    private static readonly Lazy<(IReadOnlyList<NewsEvalArticle> Articles, string? Missing)> Loaded = new(() => LabelledSet.Load("beat-stream", "MONITOR_BEAT_STREAM"));

    public static IReadOnlyList<NewsEvalArticle> Articles => Loaded.Value.Articles;

    public static string? Missing => Loaded.Value.Missing;
}

/// <summary>Reads a shared labelled set's <c>articles.jsonl</c>.</summary>
public static class LabelledSet
{
    public static (IReadOnlyList<NewsEvalArticle>, string?) Load(string name, string variable)
    {
        var folder = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured ? configured : FindShared(name);
        var file = folder is null ? null : Path.Combine(folder, "articles.jsonl");
        if (file is null || !File.Exists(file))
            return ([], $"the labelled set {name} was not found (looked for {file ?? $"../shared/{name}/articles.jsonl above the test folder"}; set {variable} to its folder)");

        var articles = new List<NewsEvalArticle>();
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var labels = r.GetProperty("labels");
            DateTimeOffset? published = r.TryGetProperty("published", out var p) && p.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(p.GetString() + "T12:00:00+00:00", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
            articles.Add(new NewsEvalArticle(
                r.GetProperty("id").GetString()!, r.GetProperty("url").GetString()!, r.GetProperty("source").GetString()!,
                r.GetProperty("lang").GetString()!, r.GetProperty("title").GetString(), r.GetProperty("text").GetString()!,
                labels.GetProperty("relevant").GetBoolean(), labels.GetProperty("duplicate_of_seed").GetString(),
                labels.TryGetProperty("dup_kind", out var kind) ? kind.GetString() : null, labels.GetProperty("story").GetString()!, published));
        }
        return (articles, null);
    }

    /// <summary><c>shared/NAME</c> beside the repository, found by walking up from the test binaries.</summary>
    private static string? FindShared(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", name);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
