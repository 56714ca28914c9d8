using System.Text.Json;

namespace Monitor.Tests.Support;

/// <summary>One labelled article of <c>../shared/news-eval/articles.jsonl</c> (see that folder's README).</summary>
public sealed record NewsEvalArticle(
    string Id, string Url, string Source, string Lang, string? Title, string Text, bool Relevant, string? DuplicateOfSeed, string? DupKind, string Story)
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
    private static readonly Lazy<(IReadOnlyList<NewsEvalArticle> Articles, string? Missing)> Loaded = new(Load);

    public static IReadOnlyList<NewsEvalArticle> Articles => Loaded.Value.Articles;

    /// <summary>Null when the set was found; else where it was looked for.</summary>
    public static string? Missing => Loaded.Value.Missing;

    public static string SeedsFolder => Path.Combine(AppContext.BaseDirectory, "seeds");

    private static (IReadOnlyList<NewsEvalArticle>, string?) Load()
    {
        var folder = Environment.GetEnvironmentVariable("MONITOR_NEWS_EVAL") is { Length: > 0 } configured ? configured : FindShared();
        var file = folder is null ? null : Path.Combine(folder, "articles.jsonl");
        if (file is null || !File.Exists(file))
            return ([], $"the labelled news set was not found (looked for {file ?? "../shared/news-eval/articles.jsonl above the test folder"}; set MONITOR_NEWS_EVAL to its folder)");

        var articles = new List<NewsEvalArticle>();
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var labels = r.GetProperty("labels");
            articles.Add(new NewsEvalArticle(
                r.GetProperty("id").GetString()!, r.GetProperty("url").GetString()!, r.GetProperty("source").GetString()!,
                r.GetProperty("lang").GetString()!, r.GetProperty("title").GetString(), r.GetProperty("text").GetString()!,
                labels.GetProperty("relevant").GetBoolean(), labels.GetProperty("duplicate_of_seed").GetString(),
                labels.GetProperty("dup_kind").GetString(), labels.GetProperty("story").GetString()!));
        }
        return (articles, null);
    }

    /// <summary><c>shared/news-eval</c> beside the repository, found by walking up from the test binaries.</summary>
    private static string? FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "news-eval");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
