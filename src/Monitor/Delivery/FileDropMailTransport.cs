using System.Globalization;
using Monitor.Storage;

namespace Monitor.Delivery;

/// <summary>With no SMTP host configured, "sending" writes the .eml file into the mail folder (DATA/mail by default).</summary>
public sealed class FileDropMailTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{message.Kind}-{message.Id:D6}-{SafeName(message.Recipient)}.eml");
        var path = Path.Combine(Folder, name);
        // Write then rename, so a crash never leaves a half-written .eml that looks delivered.
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, message.Mime, cancellationToken);
        File.Move(temp, path, overwrite: true);
        return new DeliveryResult(true, "written to " + path);
    }

    /// <summary>An address as a file name: anything but letters, digits and . - _ @ becomes '_'.</summary>
    public static string SafeName(string address) =>
        new(address.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_').ToArray());
}
