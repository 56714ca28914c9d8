using System.Net;

namespace Monitor.Metrics;

/// <summary>
/// Section <c>Metrics</c>: <code>"Metrics": { "Enabled": false, "Port": 9464, "Host": "127.0.0.1" }</code>. The Prometheus
/// endpoint of <c>monitor run</c>, off by default.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve GET /metrics while <c>monitor run</c> runs.</summary>
    public bool Enabled { get; set; }

    /// <summary>9464, the port Prometheus exporters customarily use for an application's own metrics.</summary>
    public int Port { get; set; } = 9464;

    /// <summary>
    /// The address to listen on. Loopback by default: the counts are harmless but nobody else needs them, so on a
    /// laptop or a shared host nothing is exposed unless asked. In a container the scraper is on another host, so the
    /// container sets <c>MONITOR_Metrics__Host=0.0.0.0</c> (as compose.yaml does).
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Port is < 1 or > 65535)
            yield return (nameof(Port), $"must be 1-65535 (got {Port})");
        if (!IPAddress.TryParse(Host, out _))
            yield return (nameof(Host), $"must be an IP address: 127.0.0.1 (this machine only), 0.0.0.0 (every interface, as in a container) or :: (every interface, IPv6 too) (got '{Host}')");
    }

    /// <summary>The address to listen on; only after <see cref="Validate"/> found no problem.</summary>
    public IPAddress Address => IPAddress.Parse(Host);
}
