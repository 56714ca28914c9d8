using MimeKit;
using MimeKit.Utils;
using Monitor.Digest;
using Monitor.Text;

namespace Monitor.Delivery;

/// <summary>
/// Turns a composed digest into the exact MIME bytes stored in the outbox: multipart/alternative (text + HTML),
/// our own Message-Id (MailKit would otherwise invent one per attempt), bulk-mail headers (Auto-Submitted, Precedence,
/// List-Id, List-Unsubscribe), and 7-bit-safe encodings with lines of at most 78 characters
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
        // Alerts have a list of their own, so that a mail client can file or flag them apart from the digests.
        message.Headers.Add("List-Id", digest.Kind == MailKind.Alert ? $"Monitor alerts <alerts.monitor.{domain}>" : $"Monitor digest <digest.monitor.{domain}>");
        // RFC 2369: mail clients show an unsubscribe button for it; bulk senders are expected to give one.
        message.Headers.Add("List-Unsubscribe", $"<{settings.UnsubscribeUri}>");
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

    /// <summary>Longest subject or display name, in text elements.</summary>
    public const int MaxHeaderLength = 200;

    /// <summary>
    /// Header text never carries CR, LF, other control characters, U+2028/U+2029, bidi controls or lone surrogates
    /// (<see cref="DisplayText.SingleLine"/>), and is cut to a sane length at a word boundary, never inside a character.
    /// </summary>
    public static string HeaderSafe(string text) => DisplayText.Cut(DisplayText.SingleLine(text), MaxHeaderLength);
}
