using AngleSharp.Html.Parser;
using Monitor.Digest;
using Monitor.Tests.Support;

namespace Monitor.Tests.Digest;

/// <summary>
/// Digests opened in a real browser (headless Chromium): hostile feed content runs no script, loads nothing and keeps
/// no dangerous link; realistic digests are photographed for review (bin/.../screenshots/).
/// </summary>
public sealed class DigestBrowserTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] Beacons = ["script", "img", "css", "iframe", "link", "form", "object", "svg", "meta"];
    private FeedServer _beacon = null!;
    private readonly string _templates = Directory.CreateTempSubdirectory("monitor-browser-templates-").FullName;

    private static string Screenshots => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync() => _beacon = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _beacon.DisposeAsync();
        Directory.Delete(_templates, recursive: true);
    }

    private string Hostile(string marker)
    {
        string B(string path) => _beacon.Url(path).ToString();
        return $"<script>document.body.setAttribute('data-pwned','{marker}');fetch('{B("script")}')</script>"
            + $"<img src=\"{B("img")}\" onerror=\"document.body.id='pwned'\"><svg onload=\"fetch('{B("svg")}')\"></svg>"
            + $"<style>body{{background:url({B("css")})}} .x{{position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999}}</style>"
            + $"<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:red;z-index:9999\">FAKE LOGIN</div>"
            + $"<iframe src=\"{B("iframe")}\"></iframe><link rel=\"stylesheet\" href=\"{B("link")}\"><meta http-equiv=\"refresh\" content=\"0;url={B("meta")}\">"
            + $"<form action=\"{B("form")}\"><input name=\"password\"></form><object data=\"{B("object")}\"></object>"
            + "<a href=\"javascript:document.body.id='pwned'\">click</a>\r\nBcc: victim@example.org";
    }

    private ComposedDigest HostileDigest()
    {
        var rtl = "تشديد ضوابط التصدير على رقائق إنفيديا 🚀🇨🇳 ";
        var longTitle = string.Concat(Enumerable.Repeat("Nvidia export controls 🚀 " + rtl, 300))[..10_000];
        DigestItem Item(long id, string title, string? url, string snippet) =>
            new(id, title, url, Hostile("source-" + id), Now.AddHours(-id), 9 - id, ["Nvidia", Hostile("term")], [Hostile("also-in")], snippet)
            {
                Highlights = ["Nvidia", "script"],
                AlsoReportedBy = [new DigestAlso(100 + id, Hostile("also"), Hostile("also-title"), "javascript:alert(1)"), new DigestAlso(200 + id, "Wire", "Wire", "data:text/html,<script>alert(1)</script>")],
            };
        return new ComposedDigest("analyst@example.org", Hostile("name"), Hostile("subject"), Now,
            [new DigestSection("chips", Hostile("section"), 4,
                [Item(1, Hostile("title"), "javascript:document.body.id='pwned'", Hostile("snippet")),
                 Item(2, longTitle, "https://news.example.test/long?a=1&b=<2>", rtl + Hostile("snippet2")),
                 Item(3, rtl + "\u202Egnp.exe\u2028" + "👩‍💻", "vbscript:msgbox(1)", "Nvidia " + rtl)])],
            [1, 2, 3], [new FeedProblem(Hostile("feed"), Now.AddDays(-2), Hostile("problem"))], "", "")
        {
            ConfigNotices = [new ConfigNotice(Hostile("notice"), [Hostile("problem")])],
            PeriodStart = Now.AddDays(-1),
            Unsubscribe = "mailto:monitor@example.org?subject=unsubscribe",
        };
    }

    [Fact]
    public async Task A_digest_of_hostile_feed_content_runs_no_script_loads_nothing_and_keeps_only_safe_links()
    {
        HeadlessChromium.RequireInstalled();
        // Twice: the built-in template, and a user template that tries to let feed text through unencoded.
        File.WriteAllText(Path.Combine(_templates, DigestTemplates.Html), DigestTemplates.ReadEmbedded(DigestTemplates.Html)
            .Replace("{{ item.title }}", "{{ item.title | raw }}", StringComparison.Ordinal)
            .Replace("</body>", "<script>document.body.id='pwned'</script><a href=\"javascript:alert(1)\">x</a></body>", StringComparison.Ordinal));
        foreach (var (name, renderer) in new[] { ("hostile-builtin", TestRenderer.Create()), ("hostile-user-template", TestRenderer.Create(_templates)) })
        {
            var html = renderer.RenderHtml(HostileDigest(), Paris);
            var file = Path.Combine(Screenshots, name + ".html");
            await File.WriteAllTextAsync(file, html);

            var dom = await HeadlessChromium.DumpDomAsync(file);
            await HeadlessChromium.ScreenshotAsync(file, Path.Combine(Screenshots, name + ".png"), 720, 1600);

            var document = new HtmlParser().ParseDocument(dom);
            Assert.Equal(0, Beacons.Sum(b => _beacon.Hits(b)));
            Assert.Null(document.Body!.GetAttribute("data-pwned"));
            Assert.NotEqual("pwned", document.Body.Id);
            Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, input, style, link, img, svg, [onerror], [onload], [onclick]"));
            Assert.Empty(document.QuerySelectorAll("meta[http-equiv]"));
            var hrefs = document.QuerySelectorAll("[href]").Select(e => e.GetAttribute("href")!).ToList();
            Assert.NotEmpty(hrefs);
            Assert.All(hrefs, href => Assert.True(Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto", $"{name}: forbidden link {href}"));
            Assert.All(document.QuerySelectorAll("[style]"), e => Assert.DoesNotMatch("position|z-index|opacity|display|visibility|url\\(", e.GetAttribute("style")!));
            // The hostile text is there, as text.
            Assert.Contains("<script>document.body.setAttribute", document.Body.TextContent, StringComparison.Ordinal);
            Assert.Contains("تشديد ضوابط التصدير", document.Body.TextContent, StringComparison.Ordinal);
            Assert.Contains("https://news.example.test/long?a=1&b=%3C2%3E", hrefs);
        }
    }

    [Fact]
    public async Task The_browser_check_sees_a_script_that_runs_when_nothing_sanitizes_the_page()
    {
        // The control for the test above: the same hostile content as a raw page, neither encoded nor sanitized. The
        // checks that pass on the digest must fail here, or they would prove nothing.
        HeadlessChromium.RequireInstalled();
        var file = Path.Combine(Screenshots, "hostile-raw.html");
        await File.WriteAllTextAsync(file, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{Hostile("raw")}</body></html>");

        await HeadlessChromium.DumpDomAsync(file);

        // The requests: the script's fetch, the image and frame loads, the meta refresh (which then navigates away, so
        // the DOM is checked on a second page).
        foreach (var beacon in new[] { "script", "img", "iframe", "meta" })
            Assert.True(_beacon.Hits(beacon) > 0, $"the raw page's {beacon} reached the beacon");

        var scriptOnly = Path.Combine(Screenshots, "hostile-raw-script.html");
        await File.WriteAllTextAsync(scriptOnly, "<!DOCTYPE html><html><body><script>document.body.setAttribute('data-pwned','raw')</script>"
            + "<img src=\"x:\" onerror=\"document.body.id='pwned'\"></body></html>");
        var document = new HtmlParser().ParseDocument(await HeadlessChromium.DumpDomAsync(scriptOnly));
        Assert.Equal("raw", document.Body!.GetAttribute("data-pwned"));
        Assert.Equal("pwned", document.Body.Id);
    }

    [Fact]
    public async Task Realistic_digests_in_english_and_french_are_photographed()
    {
        HeadlessChromium.RequireInstalled();
        foreach (var language in new[] { "en", "fr" })
        {
            var digest = RealisticDigest(language);
            var html = TestRenderer.Create().RenderHtml(digest, Paris);
            var file = Path.Combine(Screenshots, $"digest-{language}.html");
            await File.WriteAllTextAsync(file, html);
            var png = Path.Combine(Screenshots, $"digest-{language}.png");

            await HeadlessChromium.ScreenshotAsync(file, png, 720, 1500);

            Assert.True(new FileInfo(png).Length > 10_000, "a screenshot with something in it");
        }
    }

    private static ComposedDigest RealisticDigest(string language)
    {
        var fr = language == "fr";
        DigestItem Item(long id, string title, string source, double score, string[] terms, string snippet) =>
            new(id, title, $"https://news.example.test/{id}", source, Now.AddHours(-2 * id), score, terms, [], snippet) { Highlights = terms };
        var controls = new DigestSection("export-controls", fr ? "Contrôles à l'exportation" : "Chip export controls", 4,
        [
            Item(1, fr ? "Washington soumet à licence les puces H20 de Nvidia vendues à la Chine" : "US rule requires licences for Nvidia H20 shipments to China",
                "Policy Wire", 15.5, ["export controls", "H20", "Nvidia", "Entity List"],
                fr ? "Le département du Commerce a publié lundi une règle qui ajoute les puces H20 de Nvidia à la liste des produits soumis à licence d'exportation vers la Chine, et inscrit douze entreprises chinoises sur l'Entity List."
                   : "The Commerce Department issued an interim final rule on Monday that adds Nvidia's H20 to the chips needing an export licence for China. The tightened export controls also place twelve Chinese companies on the Entity List.")
            with { AlsoReportedBy = [new DigestAlso(11, "Asia Tech Digest", "H20 licences", "https://asia.example.test/h20"), new DigestAlso(12, "Le Quotidien", "Licences H20", "https://quotidien.example.test/h20")] },
        ]);
        var chips = new DigestSection("ai-chips", fr ? "Puces d'IA : Nvidia, Huawei, SMIC, ASML" : "AI chips: Nvidia, Huawei, SMIC, ASML", 4,
        [
            Item(2, fr ? "Les rendements 7 nm de SMIC freinent la production d'Ascend de Huawei" : "Huawei's Ascend output held back by SMIC 7nm yields",
                "Policy Wire", 19.5, ["Huawei", "SMIC", "7nm", "Ascend"],
                fr ? "La production des accélérateurs Ascend 910C de Huawei est limitée par les faibles rendements du procédé 7 nm de SMIC, selon deux analystes. Sans outils EUV, SMIC recourt au multi-patterning."
                   : "Huawei's production of Ascend 910C AI accelerators is being held back by low yields on SMIC's 7nm process, according to two supply-chain analysts. Without EUV tools, SMIC relies on multi-patterning."),
            Item(3, fr ? "DeepSeek publie un modèle de raisonnement entraîné sur des puces chinoises" : "DeepSeek releases an open-weight reasoning model trained on domestic chips",
                "Asia Tech Digest", 8.5, ["DeepSeek", "Huawei"],
                fr ? "DeepSeek a publié les poids d'un nouveau modèle et indique qu'une partie de l'entraînement a eu lieu sur des grappes Huawei Ascend."
                   : "DeepSeek published the weights of a new reasoning model and said part of its training ran on Huawei Ascend clusters."),
        ]);
        var labels = DigestLabels.For(language, MailKind.Digest);
        return new ComposedDigest("analyst@example.org", "Analyst", labels.Subject(MailKind.Digest, Now, 3, [controls.Title, chips.Title], ""), Now,
            [controls, chips], [1, 11, 12, 2, 3],
            [new FeedProblem("https://broken.example.test/feed.xml", Now.AddDays(-2), fr ? "3 échecs de suite, dernier : HTTP 503" : "3 failures in a row, last: HTTP 503")], "", "")
        {
            Language = language,
            PeriodStart = Now.AddDays(-1),
            Unsubscribe = "mailto:monitor@example.org?subject=unsubscribe",
        };
    }
}
