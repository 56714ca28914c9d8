using Monitor.Storage;

namespace Monitor.Delivery;

/// <summary>Hands a stored mail over: to an SMTP server, or to a folder of .eml files when no server is configured.</summary>
public interface IMailTransport
{
    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
