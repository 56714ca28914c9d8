using System.Diagnostics;
using MimeKit;

namespace Monitor.Tests.Support;

/// <summary>
/// A real SMTP server, Debian's aiosmtpd (as <see cref="SmtpServerFixture"/>), for one test, on a port the test may
/// choose (to start it after the worker found it down), storing accepted messages in a Maildir. With
/// <c>holdFirstData</c>, the first message's DATA is received but never answered: the server says so on its output and
/// waits; when the client goes away, aiosmtpd cancels the handler and the message is not stored, as a server that had
/// not committed it yet would. Later messages are accepted at once.
/// </summary>
public sealed class AiosmtpdServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import asyncio, email, json, mailbox, ssl, sys
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        maildir, port, hold = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "hold-first-data"
        # Optional TLS and AUTH: {"tls": "starttls" | "implicit", "cert": PEM, "key": PEM, "user": ..., "password": ...}
        secure = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}

        class Handler:
            def __init__(self):
                self.box = mailbox.Maildir(maildir, create=True)
                self.held = False

            async def handle_DATA(self, server, session, envelope):
                if hold and not self.held:
                    self.held = True
                    message_id = email.message_from_bytes(envelope.original_content)["Message-Id"]
                    print("HOLDING DATA " + str(message_id), flush=True)
                    # Never answered: cancelled by aiosmtpd when the client's connection is lost, storing nothing.
                    await asyncio.Event().wait()
                self.box.add(envelope.original_content)
                print("ACCEPTED", flush=True)
                return "250 Message accepted for delivery"

        def authenticate(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == secure["user"] and data.password.decode() == secure["password"]
            print(("AUTH OK " if ok else "AUTH REFUSED ") + (data.login.decode() if isinstance(data, LoginPassword) else mechanism), flush=True)
            return AuthResult(success=ok)

        async def main():
            handler = Handler()
            context, options = None, {}
            if secure.get("tls"):
                context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                context.load_cert_chain(secure["cert"], secure["key"])
            if secure.get("user"):
                # Over implicit TLS the whole session is encrypted, which aiosmtpd's auth_require_tls does not see.
                options = dict(authenticator=authenticate, auth_required=True, auth_require_tls=secure.get("tls") == "starttls")
            if secure.get("tls") == "starttls":
                factory = lambda: SMTP(handler, tls_context=context, require_starttls=True, **options)
                server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", port)
            elif secure.get("tls") == "implicit":
                server = await asyncio.get_running_loop().create_server(lambda: SMTP(handler, **options), "127.0.0.1", port, ssl=context)
            else:
                server = await asyncio.get_running_loop().create_server(lambda: SMTP(handler, **options), "127.0.0.1", port)
            print("READY", flush=True)
            await server.serve_forever()

        asyncio.run(main())
        """;

    private readonly Process _process;
    private readonly string _folder;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private AiosmtpdServer(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    public int Port { get; }

    public string Maildir => Path.Combine(_folder, "maildir");

    /// <summary>The Message-Id of the message whose DATA is held, once the server has received it.</summary>
    public Task<string> HoldingDataAsync => _holding.Task;

    public static async Task<AiosmtpdServer> StartAsync(int? port = null, bool holdFirstData = false, SmtpServerSecurity? security = null)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} not found: the SMTP tests need Debian's python3-aiosmtpd (run .ci/run, or apt-get install python3-aiosmtpd)");
        var folder = Directory.CreateTempSubdirectory("monitor-aiosmtpd-").FullName;
        var script = Path.Combine(folder, "server.py");
        await File.WriteAllTextAsync(script, Script);
        var chosen = port ?? FreePort.Next();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { script, Path.Combine(folder, "maildir"), chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), holdFirstData ? "hold-first-data" : "accept",
                System.Text.Json.JsonSerializer.Serialize(security is null ? new Dictionary<string, string>() : security.ToScriptArgument()) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = new AiosmtpdServer(new Process { StartInfo = start }, folder, chosen);
        server._process.OutputDataReceived += (_, e) => server.Received(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Received(e.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        // Readiness, not timing: the script says READY once it listens (or ends, with its error).
        await server._ready.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return server;
    }

    private void Received(string? line)
    {
        lock (_output)
        {
            if (line is null)
            {
                _ready.TrySetException(new InvalidOperationException("aiosmtpd exited: " + string.Join("\n", _output)));
                return;
            }
            _output.Add(line);
        }
        if (line == "READY")
            _ready.TrySetResult();
        else if (line.StartsWith("HOLDING DATA ", StringComparison.Ordinal))
            _holding.TrySetResult(line["HOLDING DATA ".Length..]);
    }

    /// <summary>What the server printed (READY, AUTH OK user, ACCEPTED ...), for assertions on how a client was served.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return string.Join("\n", _output);
        }
    }

    /// <summary>Every message the server accepted (stored) so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList() : [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>
/// TLS and AUTH for <see cref="AiosmtpdServer"/>: <paramref name="Tls"/> "starttls" (STARTTLS offered and required
/// before MAIL) or "implicit" (TLS from the first byte), with a certificate for 127.0.0.1; and, when
/// <paramref name="User"/> is set, AUTH required with these credentials.
/// </summary>
public sealed record SmtpServerSecurity(string? Tls, TestCertificate? Certificate, string? User = null, string? Password = null)
{
    internal Dictionary<string, string> ToScriptArgument()
    {
        var argument = new Dictionary<string, string>();
        if (Tls is not null)
        {
            argument["tls"] = Tls;
            argument["cert"] = Certificate!.CertificatePath;
            argument["key"] = Certificate.KeyPath;
        }
        if (User is not null)
        {
            argument["user"] = User;
            argument["password"] = Password ?? "";
        }
        return argument;
    }
}
