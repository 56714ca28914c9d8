using System.Globalization;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// Each SMTP security mode against a real server (aiosmtpd) that speaks it, with AUTH required: the digest goes through
/// encrypted and authenticated; a wrong password or a certificate the machine does not trust fails clearly, sends
/// nothing, and keeps the digest queued. The password never reaches the output.
/// </summary>
public sealed class SmtpSecurityTests : IAsyncLifetime
{
    private const string User = "monitor";
    private const string Password = "s3cret-Pa55-for-tests";

    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();
    private readonly TestCertificate _certificate = new();

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed",
            ("Nvidia export controls tightened", "https://news.example.test/nvidia", "New export controls on Nvidia chips were announced today.", TimeSpan.FromHours(1))));
        _config.Feeds(_feeds.Url("rss.xml"));
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _config.Dispose();
        _certificate.Dispose();
    }

    private Dictionary<string, string> Environment(int port, string security, string password, bool trusted = true)
    {
        var environment = trusted ? _certificate.TrustEnvironment : [];
        environment["MONITOR_Smtp__Host"] = "127.0.0.1";
        environment["MONITOR_Smtp__Port"] = port.ToString(CultureInfo.InvariantCulture);
        environment["MONITOR_Smtp__Security"] = security;
        environment["MONITOR_Smtp__User"] = User;
        environment["MONITOR_Smtp__Password"] = password;
        // The most detailed log, where a password leak would show.
        environment["MONITOR_Log__Level"] = "Verbose";
        return environment;
    }

    [Theory]
    [InlineData("StartTls", "starttls")]
    [InlineData("SslOnConnect", "implicit")]
    public async Task Each_TLS_mode_delivers_encrypted_and_authenticated(string security, string serverTls)
    {
        await using var smtp = await AiosmtpdServer.StartAsync(security: new SmtpServerSecurity(serverTls, _certificate, User, Password));

        var result = await MonitorProcess.RunAsync(_config.Args("once"), Environment(smtp.Port, security, Password));

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("Digests: 1 composed, 1 delivered, 0 failed", result.StandardOutput);
        Assert.Contains("Nvidia export controls tightened", Assert.Single(smtp.Messages()).HtmlBody);
        Assert.Contains("AUTH OK monitor", smtp.Output);
        Assert.DoesNotContain(Password, result.AllOutput);
    }

    [Fact]
    public async Task A_wrong_password_fails_clearly_and_keeps_the_digest_queued()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(security: new SmtpServerSecurity("starttls", _certificate, User, Password));

        var refused = await MonitorProcess.RunAsync(_config.Args("once"), Environment(smtp.Port, "StartTls", "not-the-password"));

        Assert.True(refused.ExitCode == 3, refused.AllOutput);
        Assert.Contains("Digests: 1 composed, 0 delivered, 1 failed", refused.StandardOutput);
        Assert.Contains($"127.0.0.1:{smtp.Port} (StartTls)", refused.StandardError);
        Assert.Contains("AUTH REFUSED monitor", smtp.Output);
        Assert.Empty(smtp.Messages());
        Assert.DoesNotContain("not-the-password", refused.AllOutput);

        var fixedPassword = await MonitorProcess.RunAsync(_config.Args("once"), Environment(smtp.Port, "StartTls", Password));
        Assert.True(fixedPassword.ExitCode == 0, fixedPassword.AllOutput);
        Assert.Contains("Digests: 0 composed, 1 delivered, 0 failed", fixedPassword.StandardOutput);
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task A_server_certificate_the_machine_does_not_trust_is_refused_not_sent_to()
    {
        await using var smtp = await AiosmtpdServer.StartAsync(security: new SmtpServerSecurity("starttls", _certificate, User, Password));

        // No SSL_CERT_FILE: the machine's own roots, which do not include this self-signed certificate.
        var refused = await MonitorProcess.RunAsync(_config.Args("once"), Environment(smtp.Port, "StartTls", Password, trusted: false));

        Assert.True(refused.ExitCode == 3, refused.AllOutput);
        Assert.Contains("Digests: 1 composed, 0 delivered, 1 failed", refused.StandardOutput);
        Assert.Contains("TLS handshake failed: the server's certificate (CN=Monitor test SMTP server, issued by CN=Monitor test SMTP server) is not trusted", refused.StandardError);
        Assert.DoesNotContain("AUTH OK", smtp.Output);
        Assert.Empty(smtp.Messages());
    }
}
