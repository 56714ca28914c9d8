using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Digest;
using Monitor.Tests.Support;

namespace Monitor.Tests.Digest;

/// <summary>User templates in CONFIG/templates: used when valid, reported and replaced by the built-in ones when not, always sanitized.</summary>
public sealed class DigestTemplatesTests : IDisposable
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-templates-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ComposedDigest Digest(string title = "Nvidia <b>H20</b>", string? url = "https://example.com/a") => new(
        "a@example.org", null, "Subject", new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero),
        [new DigestSection("chips", "Chips", 4,
            [new DigestItem(1, title, url, "Feed", new DateTimeOffset(2026, 11, 23, 5, 30, 0, TimeSpan.Zero), 5.5, ["Nvidia"], [], "Nvidia said so.") { Highlights = ["Nvidia"] }])],
        [1], [], "", "");

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_folder, name), content);

    [Fact]
    public void A_user_template_is_used_instead_of_the_built_in_one()
    {
        Write(DigestTemplates.Text, "Custom: {% for s in sections %}{% for i in s.items %}{{ i.title }} ({{ i.score }}){% endfor %}{% endfor %}");

        var text = TestRenderer.Create(_folder).RenderText(Digest(), Paris);

        Assert.Equal("Custom: Nvidia <b>H20</b> (5.5)", text);
    }

    [Fact]
    public void An_invalid_template_is_reported_with_file_line_and_reason_and_the_built_in_one_renders_meanwhile()
    {
        Write(DigestTemplates.Html, "<html><body>\n<p>ok</p>\n{% for s in sections %}\n<p>{{ s.title }</p>\n");

        var problem = Assert.Single(DigestTemplates.Check(_folder));
        var html = TestRenderer.Create(_folder).RenderHtml(Digest(), Paris);

        Assert.EndsWith("digest.html.liquid", problem.Source);
        Assert.Equal(4, problem.Line);
        Assert.Equal("template", problem.Key);
        Assert.Contains("invalid Liquid", problem.Message);
        Assert.Contains("Nvidia &lt;b&gt;H20&lt;/b&gt;", html);
        Assert.Contains("Monitor digest", html);
        Assert.Contains("A template in the config folder is invalid, the built-in one is in force until it is fixed", html);
        Assert.Contains("digest.html.liquid:4: template: invalid Liquid", html);
    }

    [Fact]
    public void A_template_fixed_after_an_error_is_read_again_for_the_next_mail()
    {
        var renderer = TestRenderer.Create(_folder);
        Write(DigestTemplates.Text, "{% if %}");
        Assert.Contains("Monitor digest", renderer.RenderText(Digest(), Paris));

        Write(DigestTemplates.Text, "fixed {{ item_count }}");
        File.SetLastWriteTimeUtc(Path.Combine(_folder, DigestTemplates.Text), DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("fixed 1", renderer.RenderText(Digest(), Paris));
    }

    [Fact]
    public void Values_are_html_encoded_even_through_raw()
    {
        Write(DigestTemplates.Html, "<html><body>{% for s in sections %}{% for i in s.items %}<p>{{ i.title | raw }}</p><p title=\"{{ i.title }}\">x</p>{% endfor %}{% endfor %}</body></html>");

        var html = TestRenderer.Create(_folder).RenderHtml(Digest("<script>alert(1)</script>\"><img src=x onerror=alert(2)>"), Paris);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void The_sanitizer_removes_what_a_template_should_not_have()
    {
        Write(DigestTemplates.Html, """
            <html><head><style>body { position: fixed }</style><script>document.title = 'x'</script></head>
            <body onload="alert(1)">
            <div style="position:fixed;top:0;left:0;z-index:99;opacity:0.5;color:#ff0000">overlay</div>
            <div style="display:none">hidden</div><div style="visibility:hidden">invisible</div>
            <div style="background:url(https://tracker.example/p.gif)">bg</div>
            <a href="javascript:alert(1)">js</a><a href="data:text/html,x">data</a><a href="vbscript:x">vb</a><a href="/relative">rel</a>
            <a href="https://ok.example/" onclick="alert(1)">ok</a><a href="mailto:me@example.org">mail</a>
            <img src="https://tracker.example/pixel.gif"><iframe src="https://evil.example/"></iframe>
            <form action="https://evil.example/"><input name="q"></form><object data="x"></object>
            </body></html>
            """);

        var html = TestRenderer.Create(_folder).RenderHtml(Digest(), Paris);

        foreach (var forbidden in new[] { "<style", "<script", "onload", "onclick", "position", "z-index", "opacity", "display", "visibility",
                     "url(", "javascript:", "data:", "vbscript:", "/relative", "<img", "<iframe", "<form", "<input", "<object" })
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://ok.example/\"", html);
        Assert.Contains("href=\"mailto:me@example.org\"", html);
        Assert.True(html.Contains("color: #ff0000", StringComparison.Ordinal), html);
    }

    [Fact]
    public void Remote_images_are_kept_only_when_configured_and_only_over_http()
    {
        Write(DigestTemplates.Html, "<html><body><img src=\"https://example.org/logo.png\" alt=\"logo\"><img src=\"data:image/png;base64,AAAA\"></body></html>");

        var blocked = TestRenderer.Create(_folder).RenderHtml(Digest(), Paris);
        var allowed = TestRenderer.Create(_folder, new DigestOptions { RemoteImages = true }).RenderHtml(Digest(), Paris);

        Assert.DoesNotContain("<img", blocked);
        Assert.Contains("<img src=\"https://example.org/logo.png\" alt=\"logo\">", allowed);
        Assert.DoesNotContain("data:image", allowed);
    }

    [Fact]
    public void The_built_in_html_passes_the_sanitizer_unchanged_in_substance()
    {
        var templates = new DigestTemplates(_folder, NullLogger<DigestTemplates>.Instance);
        var html = TestRenderer.Create(_folder).RenderHtml(Digest() with { Unsubscribe = "mailto:monitor@example.org?subject=unsubscribe" }, Paris);

        Assert.True(templates.Get(DigestTemplates.Html).IsBuiltIn);
        Assert.Contains("max-width: 640px", html);
        Assert.Contains("border-bottom: 3px solid #0b5cad", html);
        Assert.Contains("<mark style=\"background-color: #fff3b0", html);
        Assert.Contains("href=\"mailto:monitor@example.org?subject=unsubscribe\"", html);
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public void The_shipped_templates_are_the_built_in_ones()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "defaults", "config", "templates");

        foreach (var name in DigestTemplates.Names)
            Assert.Equal(DigestTemplates.ReadEmbedded(name), File.ReadAllText(Path.Combine(shipped, name)));
        Assert.Empty(DigestTemplates.Check(shipped));
    }
}
