namespace Monitor.Delivery;

/// <summary>Whether a mail was handed over (server accepted it, or the file was written), and where or why not.</summary>
public sealed record DeliveryResult(bool Delivered, string Detail);
