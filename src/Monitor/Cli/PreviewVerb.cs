using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Delivery;
using Monitor.Scheduling;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor preview [--recipient ADDRESS] [--out DIR]</c>: the digest each recipient (or the one given) would get if
/// it were sent now, written as .html and .eml, and their paths printed. Nothing is polled, queued, sent or marked sent:
/// the next <c>once</c> or scheduled digest still sends the same articles. Exit code 1 for a recipient not in
/// <c>Digest:Recipients</c>.
/// </summary>
public static class PreviewVerb
{
    public static async Task<int> RunAsync(MonitorPaths paths, HostFactory hostFactory, string? recipient, string? outFolder,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        var recipients = config.Digest.Recipients
            .Where(r => recipient is null || string.Equals(r.Address, recipient.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (recipients.Count == 0)
        {
            var known = config.Digest.Recipients.Count == 0 ? "none" : string.Join(", ", config.Digest.Recipients.Select(r => r.Address));
            await error.WriteLineAsync(recipient is null
                ? "monitor: Digest:Recipients is empty: there is no digest to preview"
                : $"monitor: '{recipient}' is not a recipient in Digest:Recipients (recipients: {known}); nothing was written");
            return recipient is null ? ExitCodes.Success : ExitCodes.Failure;
        }

        using var host = hostFactory(paths, config).Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monitor");
        foreach (var problem in config.TemplateProblems)
            logger.LogError("Template invalid, the built-in template is used until it is fixed: {ConfigProblem}", problem.ToString());
        // The schema as once would find it; an up-to-date database is left as it is.
        await host.Services.GetRequiredService<MonitorDatabase>().MigrateAsync(cancellationToken);
        var cycle = host.Services.GetRequiredService<DigestCycle>();
        var messages = host.Services.GetRequiredService<MailMessageBuilder>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        var folder = Path.GetFullPath(outFolder ?? Path.Combine(paths.DataFolder, "preview"));
        Directory.CreateDirectory(folder);

        foreach (var entry in recipients)
        {
            var digest = await cycle.PreviewAsync(entry, cancellationToken);
            if (digest is null)
            {
                await output.WriteLineAsync($"{entry.Address}: nothing new to send");
                continue;
            }
            var (_, mime) = messages.Build(digest, time.GetUtcNow());
            var name = "preview-" + FileDropMailTransport.SafeName(entry.Key);
            var html = Path.Combine(folder, name + ".html");
            var eml = Path.Combine(folder, name + ".eml");
            await File.WriteAllTextAsync(html, digest.Html, cancellationToken);
            await File.WriteAllBytesAsync(eml, mime, cancellationToken);
            await output.WriteLineAsync($"{entry.Address}: {digest.ItemCount} articles, subject \"{MailMessageBuilder.HeaderSafe(digest.Subject)}\"");
            await output.WriteLineAsync($"  HTML: {html}");
            await output.WriteLineAsync($"  EML:  {eml}");
        }
        return ExitCodes.Success;
    }
}
