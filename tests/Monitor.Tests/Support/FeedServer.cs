using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Tests.Support;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, free port) serving whatever the test registers at a path:
/// a body with a content type, or a status code. Counts requests per path.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<FeedServer> StartAsync()
    {
        var server = new FeedServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            server._hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (server._routes.TryGetValue(path, out var handler))
                await handler(context);
            else
                context.Response.StatusCode = 404;
        });
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    public void Serve(string path, string body, string contentType = "application/rss+xml; charset=utf-8") =>
        _routes["/" + path.TrimStart('/')] = async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        };

    public void Fail(string path, int statusCode) =>
        _routes["/" + path.TrimStart('/')] = context =>
        {
            context.Response.StatusCode = statusCode;
            return Task.CompletedTask;
        };

    public void Handle(string path, Func<HttpContext, Task> handler) => _routes["/" + path.TrimStart('/')] = handler;

    public int Hits(string path) => _hits.GetValueOrDefault("/" + path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
