using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Delivery;
using Monitor.Storage;

namespace Monitor.Tests.Delivery;

public sealed class SmtpMailTransportTests
{
    [Theory]
    [InlineData("")]
    [InlineData("this is not a mail at all")]
    [InlineData("Subject: no sender, no recipient\r\n\r\nbody\r\n")]
    public async Task A_damaged_stored_mail_is_a_failed_send_naming_it_not_an_exception_that_stops_the_pass(string bytes)
    {
        // No server is needed: the stored bytes are checked before connecting (port 9 on loopback is never reached).
        var transport = new SmtpMailTransport(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = 9, Security = SmtpSecurity.None }),
            NullLogger<SmtpMailTransport>.Instance);
        var message = new OutboxMessage(42, "digest", "analyst@example.org", "<m1@example.org>", "s", Encoding.ASCII.GetBytes(bytes), 0, null);

        var result = await transport.SendAsync(message, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Contains("damaged outbox row 42", result.Detail, StringComparison.Ordinal);
        Assert.Contains("<m1@example.org>", result.Detail, StringComparison.Ordinal);
    }
}
