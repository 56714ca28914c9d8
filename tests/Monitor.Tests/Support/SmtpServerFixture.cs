using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace Monitor.Tests.Support;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (<c>apt-get install python3-aiosmtpd</c>; .ci/run installs it) on a free
/// loopback port, storing every accepted message in a Maildir that the tests read back with MimeKit.
/// </summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;

    public int Port { get; private set; }

    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "monitor-smtp-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} not found: the SMTP tests need Debian's python3-aiosmtpd (run .ci/run, or apt-get install python3-aiosmtpd)");
        // Python's Maildir only creates its tmp/new/cur folders when the root does not exist yet.
        foreach (var sub in new[] { "tmp", "new", "cur" })
            Directory.CreateDirectory(Path.Combine(Maildir, sub));
        Port = FreePort.Next();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start aiosmtpd");
        // Readiness, not timing: wait until the server accepts connections (or has died, with its error).
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_process.HasExited)
            {
                var error = await _process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: {error} (is python3-aiosmtpd installed? run .ci/run or apt-get install python3-aiosmtpd)");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"aiosmtpd did not listen on port {Port}");
    }

    /// <summary>Every message the server accepted so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
            return [];
        return Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f))
            .OrderBy(m => m.Date)
            .ToList();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        return Task.CompletedTask;
    }
}
