using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Scheduling;
using Prometheus;

namespace Monitor.Metrics;

/// <summary>
/// GET /metrics in the Prometheus text format (0.0.4), served by Kestrel on Metrics:Host and Metrics:Port, and nothing
/// else: any other path is 404, another method on /metrics 405. Started by <c>monitor run</c> only, when Metrics:Enabled.
/// A web host of its own, beside the worker's Generic Host, so that no other verb carries a web server.
/// </summary>
public sealed class MetricsEndpoint(IOptions<MetricsOptions> options, WorkerMetrics metrics, ILogger<MetricsEndpoint> logger) : IAsyncDisposable
{
    public const string Path = "/metrics";

    /// <summary>The content type of the Prometheus text exposition format, version 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private WebApplication? _app;

    /// <summary>
    /// Starts listening when Metrics:Enabled; does nothing otherwise.
    /// </summary>
    /// <exception cref="MetricsEndpointException">The address cannot be listened on (port taken, address not on this machine, port below 1024 without the right).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(settings.Address, settings.Port));
        var app = builder.Build();
        app.Run(ServeAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            await app.DisposeAsync();
            throw new MetricsEndpointException(
                $"the metrics endpoint cannot listen on {Display(settings)} (Metrics:Host, Metrics:Port): {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        _app = app;
        logger.LogInformation("Metrics: serving http://{MetricsAddress}{MetricsPath} in the Prometheus text format", Display(settings), Path);
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!string.Equals(context.Request.Path.Value, Path, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }
        context.Response.ContentType = ContentType;
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, ExpositionFormat.PrometheusText, context.RequestAborted);
    }

    private static string Display(MetricsOptions settings) =>
        settings.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{settings.Address}]:{settings.Port}" : $"{settings.Address}:{settings.Port}";

    public async ValueTask DisposeAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _app = null;
    }
}
