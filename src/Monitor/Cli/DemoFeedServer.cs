using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Cli;

/// <summary>
/// Serves the demo feeds from an in-process Kestrel on 127.0.0.1 (a free port), replacing the date placeholders
/// <c>{{rfc1123:-2h}}</c> and <c>{{iso:-3h}}</c> with dates relative to now, so the items are always recent.
/// </summary>
public sealed partial class DemoFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoFeedServer(WebApplication app, Uri baseUri, IReadOnlyList<string> files)
    {
        _app = app;
        BaseUri = baseUri;
        Files = files;
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<string> Files { get; }

    public static async Task<DemoFeedServer> StartAsync(string folder, TimeProvider time, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(folder, "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{name}", async (string name, HttpContext context) =>
        {
            if (!files.Contains(name, StringComparer.Ordinal))
                return Results.NotFound();
            var text = await File.ReadAllTextAsync(Path.Combine(folder, name), context.RequestAborted);
            var type = name.Contains(".atom", StringComparison.Ordinal) ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
            return Results.Text(Expand(text, time.GetUtcNow()), type);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoFeedServer(app, new Uri(address.TrimEnd('/') + "/"), files!);
    }

    [GeneratedRegex(@"\{\{(?<format>rfc1123|iso):(?<sign>[+-])(?<amount>\d+)(?<unit>[mhd])\}\}")]
    private static partial Regex Placeholder();

    internal static string Expand(string text, DateTimeOffset now) => Placeholder().Replace(text, match =>
    {
        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture) * (match.Groups["sign"].Value == "-" ? -1 : 1);
        var offset = match.Groups["unit"].Value switch
        {
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        var date = now + offset;
        return match.Groups["format"].Value == "iso"
            ? date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : date.ToString("R", CultureInfo.InvariantCulture);
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
