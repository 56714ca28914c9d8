using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Digest;

namespace Monitor.Tests.Digest;

/// <summary>
/// The last pass over the digest HTML, as a user template could feed it: what hides, overlays or reverses text goes,
/// the built-in layout stays as it is.
/// </summary>
public sealed class DigestSanitizerTests
{
    private static string Sanitize(string body) =>
        new DigestSanitizer(Options.Create(new DigestOptions()), NullLogger<DigestSanitizer>.Instance).Sanitize($"<html><body>{body}</body></html>");

    [Theory]
    [InlineData("font-size:0")]
    [InlineData("font-size:1px")]
    [InlineData("font-size:0.2em")]
    [InlineData("color:transparent")]
    [InlineData("color:rgba(0,0,0,0)")]
    [InlineData("color:rgba(255,255,255,0.3)")]
    [InlineData("margin-top:-500px")]
    [InlineData("margin:0 0 -40px 0")]
    [InlineData("letter-spacing:-20px")]
    [InlineData("height:0;line-height:0;font-size:1px")]
    [InlineData("direction:rtl;unicode-bidi:bidi-override")]
    [InlineData("display:none")]
    [InlineData("position:fixed;top:0;left:0")]
    [InlineData("opacity:0")]
    public void Styles_that_hide_overlay_or_reverse_text_are_removed(string style)
    {
        var html = Sanitize($"<div style=\"{style}\">Pay here</div>");

        Assert.DoesNotContain("style=", html);
        Assert.Contains("Pay here", html);
    }

    [Fact]
    public void The_layout_styles_of_the_built_in_template_are_kept()
    {
        const string style = "font-size:12px;color:#57606a;margin:3px 0 6px 0;line-height:1.35;max-width:640px;width:100%;background-color:#fff3b0;padding:0 1px";

        var html = Sanitize($"<div style=\"{style}\">Nvidia</div>");

        foreach (var kept in new[] { "font-size: 12px", "color: #57606a", "margin: 3px 0 6px", "line-height: 1.35", "max-width: 640px", "width: 100%", "background-color: #fff3b0" })
            Assert.Contains(kept, html);
    }

    [Fact]
    public void Only_part_of_a_style_that_hides_is_removed()
    {
        var html = Sanitize("<div style=\"color:#1f2328;font-size:0\">Pay here</div>");

        Assert.Contains("color: #1f2328", html);
        Assert.DoesNotContain("font-size", html);
    }
}
