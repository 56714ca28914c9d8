using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Delivery;
using Monitor.Digest;

namespace Monitor.Benchmarks;

/// <summary>
/// Turning a composed digest into the mail that is stored in the outbox: the HTML (Liquid template, then the
/// HtmlSanitizer pass over the whole document), the plain text, and the MIME bytes (7-bit, folded). A digest of
/// <see cref="Items"/> items with 300-character snippets, three "also reported by" each, highlights, and a feed problem.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class DigestBenchmarks
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private DigestRenderer _renderer = null!;
    private MailMessageBuilder _builder = null!;
    private ComposedDigest _digest = null!;

    [Params(10, 50)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new DigestOptions());
        _renderer = new DigestRenderer(
            new DigestTemplates(Path.Combine(Path.GetTempPath(), "monitor-bench-no-templates"), NullLogger<DigestTemplates>.Instance),
            new DigestSanitizer(options, NullLogger<DigestSanitizer>.Instance), NullLogger<DigestRenderer>.Instance);
        _builder = new MailMessageBuilder(Options.Create(new SmtpOptions { From = "Monitor <monitor@example.org>" }));
        var now = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
        var snippet = "The Commerce Department issued an interim final rule on Monday that adds Nvidia's H20 and AMD's MI308 to the chips needing an export licence for China. The tightened export controls also place twelve Chinese cloud and server companies on the Entity List, Nvidia said in a filing.";
        var items = Enumerable.Range(1, Items).Select(i => new DigestItem(i, $"US rule requires licences for Nvidia H20 shipments to China, part {i}", $"https://news.example.org/articles/{i}",
            "Policy Wire", now.AddMinutes(-17 * i), 20 - i % 15, ["export controls", "Nvidia", "H20", "Entity List"], ["AI chips"], snippet)
        {
            Highlights = ["export controls", "Nvidia's", "H20", "Entity List", "China"],
            AlsoReportedBy = [.. Enumerable.Range(1, 3).Select(j => new DigestAlso(1000 * i + j, $"Wire {j}", "Same story", $"https://wire{j}.example.org/{i}"))],
        }).ToList();
        var draft = new ComposedDigest("analyst@example.org", "Analyst", $"Monitor digest, 30 Nov 2026: {Items} new articles on Chip export controls", now,
            [new DigestSection("export-controls", "Chip export controls", 4, items)], [.. items.SelectMany(i => i.ArticleIds)],
            [new FeedProblem("https://feeds.example.org/broken.xml", now.AddDays(-2), "12 failures in a row, last: HTTP 503")], "", "")
        { PeriodStart = now.AddDays(-1), Unsubscribe = "mailto:monitor@example.org?subject=unsubscribe" };
        _digest = draft with { Html = _renderer.RenderHtml(draft, Paris), Text = _renderer.RenderText(draft, Paris) };
    }

    [Benchmark]
    public string Html() => _renderer.RenderHtml(_digest, Paris);

    [Benchmark]
    public string Text() => _renderer.RenderText(_digest, Paris);

    [Benchmark]
    public int Mime() => _builder.Build(_digest, _digest.GeneratedAt).Mime.Length;
}
