using Microsoft.Extensions.Options;
using MimeKit;
using Monitor.Delivery;
using Monitor.Digest;

namespace Monitor.Tests.Delivery;

public sealed class MailMessageBuilderTests
{
    private static MimeMessage Build(string subject)
    {
        var builder = new MailMessageBuilder(Options.Create(new SmtpOptions { From = "Monitor <monitor@news.example.org>" }));
        var digest = new ComposedDigest("analyst@example.org", "Analyst\r\nBcc: victim@example.org", subject, DateTimeOffset.UnixEpoch, [], [1, 2], [],
            "<p>Caf\u00e9 \u4e2d\u6587 " + new string('x', 2000) + "</p>", "Caf\u00e9 \u4e2d\u6587 " + new string('y', 2000));
        var (messageId, mime) = builder.Build(digest, new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        var message = MimeMessage.Load(new MemoryStream(mime));
        Assert.Equal(messageId, message.MessageId);
        return message;
    }

    [Fact]
    public void Build_SetsOurMessageIdAndBulkHeaders()
    {
        var message = Build("Digest");

        Assert.EndsWith("@news.example.org", message.MessageId);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("bulk", message.Headers["Precedence"]);
        Assert.Contains("news.example.org", message.Headers["List-Id"]);
        Assert.IsType<MultipartAlternative>(message.Body);
    }

    [Fact]
    public void Build_HeaderInjectionInSubjectOrName_IsNeutralised()
    {
        var message = Build("Digest\r\nBcc: victim@example.org\r\n\r\n<html>");

        Assert.Empty(message.Bcc);
        Assert.DoesNotContain("\n", message.Subject, StringComparison.Ordinal);
        Assert.Single(message.To.Mailboxes);
        Assert.Null(message.Headers["Bcc"]);
    }

    [Fact]
    public void Build_IsSevenBitWithShortLines()
    {
        var builder = new MailMessageBuilder(Options.Create(new SmtpOptions()));
        var digest = new ComposedDigest("a@example.org", null, "Caf\u00e9", DateTimeOffset.UnixEpoch, [], [], [], "<p>Caf\u00e9 " + new string('x', 3000) + "</p>", "Caf\u00e9 " + new string('y', 3000));

        var (_, mime) = builder.Build(digest, DateTimeOffset.UnixEpoch);

        Assert.All(mime, b => Assert.True(b < 128));
        var text = System.Text.Encoding.ASCII.GetString(mime);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = text.Split("\r\n");
        Assert.All(lines, l => Assert.True(l.Length <= 998, $"line of {l.Length} characters"));
    }

    [Fact]
    public void Build_ListUnsubscribe_IsAMailtoToTheSenderByDefault_OrTheConfiguredUrl()
    {
        var byDefault = Build("Digest");
        var builder = new MailMessageBuilder(Options.Create(new SmtpOptions { From = "Monitor <monitor@news.example.org>", ListUnsubscribe = "https://news.example.org/unsubscribe?u=1" }));
        var (_, mime) = builder.Build(new ComposedDigest("a@example.org", null, "S", DateTimeOffset.UnixEpoch, [], [], [], "<p>x</p>", "x"), DateTimeOffset.UnixEpoch);
        var configured = MimeMessage.Load(new MemoryStream(mime));

        Assert.Equal("<mailto:monitor@news.example.org?subject=unsubscribe>", byDefault.Headers["List-Unsubscribe"]);
        Assert.Equal("<https://news.example.org/unsubscribe?u=1>", configured.Headers["List-Unsubscribe"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), byDefault.Date);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://example.org/a b")]
    [InlineData("https://example.org/>, <mailto:x@evil.example")]
    [InlineData("not a url")]
    public void SmtpOptions_InvalidListUnsubscribe_IsAProblem(string value) =>
        Assert.Contains(new SmtpOptions { ListUnsubscribe = value }.Validate(), p => p.Key == "ListUnsubscribe");

    [Theory]
    [InlineData("Line\r\nBcc: x@example.org", "Line Bcc: x@example.org")]
    [InlineData("Line\u2028Bcc\u2029x", "Line Bcc x")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    public void HeaderSafe_RemovesLineBreaksAndBidiControls(string input, string expected) =>
        Assert.Equal(expected, MailMessageBuilder.HeaderSafe(input));

    [Fact]
    public void Build_HostileDigest_IsSevenBitWithLinesOfAtMost78()
    {
        var hostile = "<script>alert(1)</script>\r\nBcc: victim@example.org \u2028 " + string.Concat(Enumerable.Repeat("🚀 تصدير الرقائق 中国 ", 700)) + (char)0xD800;
        var item = new DigestItem(1, hostile, "javascript:alert(1)", hostile, DateTimeOffset.UnixEpoch, 9, ["Nvidia"], [], hostile[..3000]);
        var digest = new ComposedDigest("a@example.org", hostile, hostile, DateTimeOffset.UnixEpoch,
            [new DigestSection("chips", hostile, 4, [item])], [1], [new FeedProblem("https://x.example/feed", DateTimeOffset.UnixEpoch, hostile)], "", "");
        var renderer = Monitor.Tests.Support.TestRenderer.Create();
        var tz = TimeZoneInfo.Utc;
        digest = digest with { Html = renderer.RenderHtml(digest, tz), Text = renderer.RenderText(digest, tz) };

        var (_, mime) = new MailMessageBuilder(Options.Create(new SmtpOptions())).Build(digest, DateTimeOffset.UnixEpoch);

        Assert.All(mime, b => Assert.True(b < 128, "8-bit byte"));
        var text = System.Text.Encoding.ASCII.GetString(mime);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerLines = text[..headerEnd].Split("\r\n");
        var bodyLines = text[(headerEnd + 4)..].Split("\r\n");
        // Bodies (quoted-printable or base64) keep to RFC 5322's 78. MimeKit 4.18 folds a header mixing emoji and
        // right-to-left words into encoded-words of up to 81 characters: over the SHOULD of 78, within the MUST of 998.
        Assert.True(bodyLines.Max(l => l.Length) <= 78, $"longest body line: {bodyLines.MaxBy(l => l.Length)}");
        Assert.True(headerLines.Max(l => l.Length) <= 998, $"longest header line: {headerLines.MaxBy(l => l.Length)}");
        var message = MimeMessage.Load(new MemoryStream(mime));
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain("\n", message.Subject, StringComparison.Ordinal);
        Assert.True(new System.Globalization.StringInfo(message.Subject ?? "").LengthInTextElements <= MailMessageBuilder.MaxHeaderLength);
        Assert.Contains("🚀 تصدير", message.HtmlBody);
        Assert.DoesNotContain("<script", message.HtmlBody);
    }
}
