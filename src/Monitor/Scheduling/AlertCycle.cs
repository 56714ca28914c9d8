using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Delivery;
using Monitor.Digest;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Scheduling;

/// <summary>
/// Mails articles above a watchlist's <c>alert</c> threshold soon after they are found. Per recipient who takes alerts:
/// the hits are the stored, non-duplicate articles found within Alerts:MaxAgeHours, neither sent nor queued to them (nor
/// any report of their story), that reach the alert threshold of a watchlist they get. Once the oldest hit has waited
/// Alerts:BatchMinutes and fewer than Alerts:MaxPerHour alerts went to them in the last hour, every hit goes in one
/// alert, one entry per story, queued in the outbox like a digest (same exactly-once bookkeeping, same retries, same
/// Message-Id on a retry; the caller sends it with <see cref="DigestCycle.SendPendingAsync"/>). Hits held back go in
/// the digest if it comes first.
/// </summary>
public sealed class AlertCycle(
    ArticleStore articles,
    AlertStore alerts,
    OutboxStore outbox,
    DigestComposer composer,
    MailMessageBuilder messages,
    IOptions<AlertOptions> options,
    IOptions<DigestOptions> digestOptions,
    IOptions<SmtpOptions> smtp,
    TimeProvider time,
    ILogger<AlertCycle> logger)
{
    /// <summary>The rate-limit hold last logged per recipient, so that a held alert is announced once, not at every tick.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _announcedHolds = new(StringComparer.Ordinal);

    /// <summary>Composes and queues each recipient's alert when it is due; returns the alerts queued. Sends nothing.</summary>
    /// <param name="holdForBatch">False when a digest follows at once (<c>monitor once</c>): waiting would gather nothing.</param>
    public async Task<IReadOnlyList<ComposedDigest>> QueueAsync(IReadOnlyList<RecipientOptions> recipients, WatchlistSet watchlists, bool holdForBatch,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var maxAge = TimeSpan.FromHours(Math.Min(settings.MaxAgeHours, 24 * digestOptions.Value.MaxArticleAgeDays));
        var queued = new List<ComposedDigest>();
        // No article below the lowest alert threshold can be in an alert (DigestComposer reads each watchlist's own).
        if (watchlists.Watchlists.Min(w => w.AlertThreshold) is not { } lowestAlert)
            return queued;
        foreach (var recipient in recipients.Where(r => r.Alerts))
        {
            var now = time.GetUtcNow();
            var recent = await alerts.QueuedSinceAsync(recipient.Key, now - AlertPolicy.RateWindow, cancellationToken);
            // Held by the rate limit, and said so already: no hit can change that, so they are not read at every tick
            // (the candidates of a busy day are thousands of articles).
            if (AlertPolicy.RateLimitedUntil(recent, now, settings.MaxPerHour) is { } limitedUntil
                && _announcedHolds.TryGetValue(recipient.Key, out var announced) && announced == limitedUntil)
                continue;
            var candidates = await articles.AlertCandidatesAsync(recipient.Key, now - maxAge, lowestAlert, cancellationToken);
            if (candidates.Count == 0)
                continue;
            var alert = composer.Compose(recipient, candidates, watchlists, [], [], now, MailKind.Alert, unsubscribe: smtp.Value.UnsubscribeUri);
            if (alert is null)
                continue;

            // The hit of a story is its best-scored report, the one the alert leads with.
            var foundAt = candidates.ToDictionary(c => c.ArticleId, c => c.FoundAt);
            var oldest = alert.Sections.SelectMany(s => s.Items).Min(i => foundAt[i.ArticleId]);
            var decision = AlertPolicy.Decide(oldest, recent, now, settings.BatchMinutes, settings.MaxPerHour, holdForBatch);
            if (!decision.SendNow)
            {
                LogHold(recipient, alert, decision);
                continue;
            }

            var (messageId, mime) = messages.Build(alert, now);
            var id = await outbox.EnqueueAsync(OutboxKind.Alert, recipient.Key, messageId, alert.Subject, mime, alert.ArticleIds, now, cancellationToken);
            if (id is null)
            {
                logger.LogInformation("Alert for {Recipient} not queued: another Monitor process queued or sent some of its articles meanwhile", recipient.Address);
                continue;
            }
            _announcedHolds.TryRemove(recipient.Key, out _);
            logger.LogInformation("Alert {DigestId} for {Recipient} queued: {ArticleCount} articles, Message-Id {MessageId}", id, recipient.Address, alert.ItemCount, messageId);
            queued.Add(alert);
        }
        return queued;
    }

    private void LogHold(RecipientOptions recipient, ComposedDigest alert, AlertDecision decision)
    {
        if (decision.Hold == AlertHold.RateLimit && !(_announcedHolds.TryGetValue(recipient.Key, out var announced) && announced == decision.Until))
        {
            _announcedHolds[recipient.Key] = decision.Until;
            logger.LogInformation("Alert for {Recipient} held by the rate limit ({MaxPerHour} per hour) until {HeldUntil:u}: {ArticleCount} articles wait (or go in the digest if it comes first)",
                recipient.Address, options.Value.MaxPerHour, decision.Until, alert.ItemCount);
            return;
        }
        logger.LogDebug("Alert for {Recipient} waits until {HeldUntil:u} ({Hold}): {ArticleCount} articles", recipient.Address, decision.Until, decision.Hold, alert.ItemCount);
    }
}
