namespace Monitor.Delivery;

/// <summary>
/// How the SMTP connection is protected. Deliberately no "auto": MailKit's <c>Auto</c> and
/// <c>StartTlsWhenAvailable</c> silently fall back to plaintext when the server offers no STARTTLS.
/// </summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a local relay or a test server).</summary>
    None,

    /// <summary>STARTTLS required: the send fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>Implicit TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
