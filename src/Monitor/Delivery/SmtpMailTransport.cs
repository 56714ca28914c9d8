using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Monitor.Storage;

namespace Monitor.Delivery;

/// <summary>Sends stored mails with MailKit, with the configured security mode and no plaintext fallback.</summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options, ILogger<SmtpMailTransport> logger) : IMailTransport
{
    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var host = settings.Host!.Trim();
        if (await LoadAsync(message, cancellationToken) is not { } mime)
            return new DeliveryResult(false, $"the stored mail {message.MessageId} cannot be read as a message with a sender and a recipient (damaged outbox row {message.Id})");
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        string response;
        try
        {
            await client.ConnectAsync(host, settings.Port, ToMailKit(settings.Security), cancellationToken);
            if (!string.IsNullOrWhiteSpace(settings.User))
                await client.AuthenticateAsync(settings.User, settings.ResolvePassword() ?? "", cancellationToken);
            response = await client.SendAsync(mime, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
                                       or IOException or System.Net.Sockets.SocketException or TimeoutException or ServiceNotConnectedException or NotSupportedException)
        {
            logger.LogDebug(ex, "SMTP send of {MessageId} to {SmtpHost}:{SmtpPort} failed", message.MessageId, host, settings.Port);
            return new DeliveryResult(false, $"{host}:{settings.Port} ({settings.Security}): {Describe(ex, settings.Security)}");
        }

        // The server accepted the mail: it is delivered, whatever happens to QUIT. Reporting a failed QUIT as a
        // failed send would queue the mail again and deliver it on every cycle.
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException)
        {
            logger.LogDebug(ex, "QUIT after {MessageId} was accepted by {SmtpHost}:{SmtpPort} failed; the mail is delivered", message.MessageId, host, settings.Port);
        }
        return new DeliveryResult(true, $"accepted by {host}:{settings.Port}: {response}");
    }

    /// <summary>
    /// The stored bytes as a message, or null when they are not one (a damaged row): reported as a failed send of that
    /// mail, so the others in the outbox are still sent.
    /// </summary>
    private static async Task<MimeMessage?> LoadAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(message.Mime, writable: false);
            var mime = await MimeMessage.LoadAsync(stream, cancellationToken);
            return mime.From.Mailboxes.Any() && mime.To.Mailboxes.Any() ? mime : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The failure in one line. MailKit's text for a failed TLS handshake spans many lines and guesses at certificate
    /// trust even when the server simply does not speak TLS (SslOnConnect against a plain port); the inner exception
    /// says what happened.
    /// </summary>
    private static string Describe(Exception ex, SmtpSecurity security) => ex switch
    {
        SslHandshakeException when security == SmtpSecurity.SslOnConnect =>
            $"TLS handshake failed: {ex.InnerException?.Message ?? "no TLS answer"} (SslOnConnect needs a server that speaks TLS from the first byte, usually on port 465; port 587 wants StartTls)",
        SslHandshakeException { ServerCertificate: { } certificate } =>
            $"TLS handshake failed: the server's certificate ({certificate.Subject}, issued by {certificate.Issuer}) is not trusted by this machine or does not match the host name; add its CA to the system's trusted certificates (or point SSL_CERT_FILE at it) and use the name it was issued for in Smtp:Host",
        SslHandshakeException => $"TLS handshake failed: {ex.InnerException?.Message ?? "no TLS answer"}",
        _ => ex.Message,
    };

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "unknown SMTP security mode"),
    };
}
