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
}
