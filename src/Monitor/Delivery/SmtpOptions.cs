using System.Net.Mail;
using Monitor.Configuration;

namespace Monitor.Delivery;

/// <summary>
/// Section <c>Smtp</c>:
/// <code>"Smtp": { "Host": "smtp.example.org", "Port": 587, "Security": "StartTls", "User": "monitor", "PasswordFile": "/run/secrets/smtp_password", "From": "Monitor &lt;monitor@example.org&gt;",
///   "RetryFirstDelay": "1m", "RetryMaxDelay": "1h", "ListUnsubscribe": "https://example.org/unsubscribe" }</code>
/// No <c>Host</c>: mails are written as .eml files into <c>DATA/mail/</c> instead of being sent.
/// The password comes from the environment (<c>MONITOR_Smtp__Password</c>) or from <c>PasswordFile</c>, never from a config file.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? User { get; set; }

    /// <summary>Bound from <c>MONITOR_Smtp__Password</c> only; rejected when found in a config file.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the password (e.g. a Docker secret); surrounding whitespace is ignored.</summary>
    public string? PasswordFile { get; set; }

    public string From { get; set; } = "Monitor <monitor@localhost>";

    /// <summary>Connect, authenticate and send, each within this many seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Domain of the Message-Id and List-Id headers; defaults to the domain of <see cref="From"/>.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>After a failed send, the mail is tried again after this delay, doubled at each further failure ...</summary>
    public string RetryFirstDelay { get; set; } = "1m";

    /// <summary>... up to this delay between two attempts.</summary>
    public string RetryMaxDelay { get; set; } = "1h";

    public RetryBackoff RetryBackoff => new(
        Duration.TryParse(RetryFirstDelay, out var first) ? first : TimeSpan.FromMinutes(1),
        Duration.TryParse(RetryMaxDelay, out var max) ? max : TimeSpan.FromHours(1));

    /// <summary>
    /// The List-Unsubscribe target (RFC 2369): an https (or http) URL, or a mailto: address. Empty: a mail to
    /// <see cref="From"/> with the subject "unsubscribe".
    /// </summary>
    public string? ListUnsubscribe { get; set; }

    public bool IsFileDrop => string.IsNullOrWhiteSpace(Host);

    public string EffectiveMessageIdDomain =>
        !string.IsNullOrWhiteSpace(MessageIdDomain) ? MessageIdDomain.Trim()
        : MailAddress.TryCreate(From, out var from) ? from.Host
        : "localhost";

    /// <summary>Where a recipient unsubscribes: <see cref="ListUnsubscribe"/>, else <c>mailto:FROM?subject=unsubscribe</c>.</summary>
    public string UnsubscribeUri =>
        !string.IsNullOrWhiteSpace(ListUnsubscribe) ? ListUnsubscribe.Trim()
        : MailAddress.TryCreate(From, out var from) ? $"mailto:{from.Address}?subject=unsubscribe"
        : "mailto:monitor@localhost?subject=unsubscribe";

    public string? ResolvePassword() =>
        !string.IsNullOrEmpty(Password) ? Password
        : !string.IsNullOrWhiteSpace(PasswordFile) ? File.ReadAllText(PasswordFile).Trim()
        : null;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Port is < 1 or > 65535)
            yield return (nameof(Port), $"must be 1-65535 (got {Port})");
        if (!Enum.IsDefined(Security))
            yield return (nameof(Security), $"must be None, StartTls or SslOnConnect (got '{Security}')");
        if (string.IsNullOrWhiteSpace(From) || !MailAddress.TryCreate(From, out _))
            yield return (nameof(From), $"must be an address such as 'Monitor <monitor@example.org>' (got '{From}')");
        if (TimeoutSeconds is < 1 or > 600)
            yield return (nameof(TimeoutSeconds), $"must be between 1 and 600 (got {TimeoutSeconds})");
        if (!Duration.TryParse(RetryFirstDelay, out var first) || first < TimeSpan.FromMinutes(1) || first > TimeSpan.FromDays(1))
            yield return (nameof(RetryFirstDelay), $"must be a duration from 1m to 1d such as 1m, 5m or 1h (got '{RetryFirstDelay}')");
        else if (!Duration.TryParse(RetryMaxDelay, out var max) || max < first || max > TimeSpan.FromDays(1))
            yield return (nameof(RetryMaxDelay), $"must be a duration from RetryFirstDelay ({RetryFirstDelay}) to 1d such as 1h (got '{RetryMaxDelay}')");
        if (!string.IsNullOrWhiteSpace(PasswordFile) && !File.Exists(PasswordFile))
            yield return (nameof(PasswordFile), $"file '{PasswordFile}' does not exist");
        if (!string.IsNullOrEmpty(Password) && !string.IsNullOrWhiteSpace(PasswordFile))
            yield return (nameof(PasswordFile), "set either MONITOR_Smtp__Password or Smtp:PasswordFile, not both");
        if ((!string.IsNullOrEmpty(Password) || !string.IsNullOrWhiteSpace(PasswordFile)) && string.IsNullOrWhiteSpace(User))
            yield return (nameof(User), "is required when a password is given");
        if (!string.IsNullOrWhiteSpace(MessageIdDomain) && Uri.CheckHostName(MessageIdDomain.Trim()) != UriHostNameType.Dns)
            yield return (nameof(MessageIdDomain), $"must be a domain name such as monitor.example.org (got '{MessageIdDomain}')");
        if (!string.IsNullOrWhiteSpace(ListUnsubscribe)
            && (!Uri.TryCreate(ListUnsubscribe.Trim(), UriKind.Absolute, out var unsubscribe) || unsubscribe.Scheme is not ("https" or "http" or "mailto")
                || ListUnsubscribe.Trim().Any(c => c is '<' or '>' or ',' || char.IsWhiteSpace(c) || char.IsControl(c))))
            yield return (nameof(ListUnsubscribe), $"must be an absolute https URL or a mailto: address, without spaces, commas or angle brackets (got '{ListUnsubscribe}')");
        if (!string.IsNullOrWhiteSpace(Host) && Uri.CheckHostName(Host.Trim()) == UriHostNameType.Unknown)
            yield return (nameof(Host), $"is not a host name or address (got '{Host}')");
    }
}
