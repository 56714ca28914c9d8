using MimeKit;
using MimeKit.Utils;
using Monitor.Digest;

namespace Monitor.Delivery;

/// <summary>
/// Turns a composed digest into the exact MIME bytes stored in the outbox: multipart/alternative (text + HTML),
/// our own Message-Id (MailKit would otherwise invent one per attempt), bulk-mail headers, and 7-bit-safe encodings
/// so strict servers accept it.
/// </summary>
public sealed class MailMessageBuilder(Microsoft.Extensions.Options.IOptions<SmtpOptions> options)
{
    public (string MessageId, byte[] Mime) Build(ComposedDigest digest, DateTimeOffset now)
    {
        var settings = options.Value;
        var domain = settings.EffectiveMessageIdDomain;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(HeaderSafe(digest.RecipientName ?? ""), digest.RecipientAddress));
        message.Subject = HeaderSafe(digest.Subject);
        message.Date = now;
        message.MessageId = MimeUtils.GenerateMessageId(domain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("Precedence", "bulk");
        message.Headers.Add("List-Id", $"Monitor digest <digest.monitor.{domain}>");
        message.Headers.Add("X-Monitor-Articles", digest.ArticleIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var body = new BodyBuilder { TextBody = digest.Text, HtmlBody = digest.Html };
        message.Body = body.ToMessageBody();
        message.Prepare(EncodingConstraint.SevenBit, 78);

        // CRLF line ends as on the wire (RFC 5322), also in the .eml files of the file drop.
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var stream = new MemoryStream();
        message.WriteTo(format, stream);
        return (message.MessageId, stream.ToArray());
    }

    /// <summary>Header text never carries CR, LF or other control characters, and is cut to a sane length.</summary>
    internal static string HeaderSafe(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        clean = string.Join(' ', clean.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return clean.Length <= 200 ? clean : clean[..199].TrimEnd() + "…";
    }
}
