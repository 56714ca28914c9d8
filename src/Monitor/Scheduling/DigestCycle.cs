using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Delivery;
using Monitor.Digest;
using Monitor.Feeds;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Scheduling;

/// <summary>
/// Composes each recipient's digest from what is stored, puts it in the outbox (with the articles it covers) before
/// any send, then sends everything pending. A failed send stays pending and is retried on the next pass with the same
/// bytes and Message-Id; articles count as sent to a recipient only once the server accepted the mail.
/// A digest composed while watchlists.yaml is invalid says so in its footer.
/// </summary>
public sealed class DigestCycle(
    ArticleStore articles,
    FeedStateStore feedStates,
    OutboxStore outbox,
    DigestComposer composer,
    MailMessageBuilder messages,
    IMailTransport transport,
    WatchlistProvider watchlists,
    FeedList feeds,
    IOptions<DigestOptions> options,
    IOptions<SmtpOptions> smtp,
    TimeProvider time,
    ILogger<DigestCycle> logger)
{
    public const string DigestKind = "digest";

    /// <summary>
    /// How long a send holds a message before another process may try it: longer than the slowest possible send
    /// (connect, TLS, AUTH, MAIL, RCPT, DATA, each within Smtp:TimeoutSeconds), so a live send is never taken over.
    /// </summary>
    private TimeSpan SendLease => TimeSpan.FromSeconds(8 * smtp.Value.TimeoutSeconds) + TimeSpan.FromMinutes(5);

    /// <summary>How long a feed must have been failing before the digest mentions it.</summary>
    public static readonly TimeSpan ProblemAfter = TimeSpan.FromDays(1);

    private readonly string _leaseOwner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Composes and queues the digests of <paramref name="recipients"/>, then sends every pending mail.</summary>
    public async Task<DigestCycleResult> RunAsync(IReadOnlyList<RecipientOptions> recipients, CancellationToken cancellationToken)
    {
        var composed = new List<ComposedDigest>();
        var problems = await FeedProblemsAsync(cancellationToken);
        // One version of the watchlists for every digest of this pass.
        var inForce = watchlists.Current;
        var notices = ConfigNotices(watchlists.Problems);
        foreach (var recipient in recipients)
        {
            var now = time.GetUtcNow();
            var digest = await ComposeAsync(recipient, inForce, problems, notices, now, cancellationToken);
            if (digest is null)
            {
                logger.LogInformation("Nothing new for {Recipient}: no digest", recipient.Address);
                continue;
            }
            var (messageId, mime) = messages.Build(digest, now);
            var id = await outbox.EnqueueAsync(DigestKind, recipient.Key, messageId, digest.Subject, mime, digest.ArticleIds, now, cancellationToken);
            if (id is null)
            {
                logger.LogInformation("Digest for {Recipient} not queued: another Monitor process queued or sent some of its articles meanwhile", recipient.Address);
                continue;
            }
            logger.LogInformation("Digest {DigestId} for {Recipient} queued: {ArticleCount} articles, Message-Id {MessageId}", id, recipient.Address, digest.ItemCount, messageId);
            composed.Add(digest);
        }

        var attempts = await SendPendingAsync(cancellationToken);
        return new DigestCycleResult(composed, attempts);
    }

    /// <summary>
    /// The digest <paramref name="recipient"/> would get now, composed as <see cref="RunAsync"/> composes it, without
    /// queueing or marking anything (<c>monitor preview</c>); null when there is nothing to send.
    /// </summary>
    public async Task<ComposedDigest?> PreviewAsync(RecipientOptions recipient, CancellationToken cancellationToken) =>
        await ComposeAsync(recipient, watchlists.Current, await FeedProblemsAsync(cancellationToken), ConfigNotices(watchlists.Problems), time.GetUtcNow(), cancellationToken);

    private async Task<ComposedDigest?> ComposeAsync(RecipientOptions recipient, WatchlistSet inForce, IReadOnlyList<FeedProblem> problems,
        IReadOnlyList<ConfigNotice> notices, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = await articles.DigestCandidatesAsync(recipient.Key, now - TimeSpan.FromDays(options.Value.MaxArticleAgeDays), cancellationToken);
        // The period runs from the previous digest sent to this recipient (within the age window), else over the window.
        var window = now - TimeSpan.FromDays(options.Value.MaxArticleAgeDays);
        var lastSent = await articles.LastSentAtAsync(recipient.Key, DigestKind, cancellationToken);
        var periodStart = lastSent is { } last && last > window ? last : window;
        return composer.Compose(recipient, candidates, inForce, problems, notices, now, periodStart: periodStart, unsubscribe: smtp.Value.UnsubscribeUri);
    }

    /// <summary>Sends every pending outbox message once; failures stay pending for the next pass.</summary>
    public async Task<IReadOnlyList<SendAttempt>> SendPendingAsync(CancellationToken cancellationToken)
    {
        var attempts = new List<SendAttempt>();
        foreach (var message in await outbox.PendingAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            if (!await outbox.TryLeaseAsync(message.Id, _leaseOwner, now, now + SendLease, cancellationToken))
            {
                logger.LogDebug("Digest {DigestId} is being sent by another process", message.Id);
                continue;
            }
            var result = await transport.SendAsync(message, cancellationToken);
            // Not cancellable: once the server has accepted the mail, recording it must not be skipped.
            if (result.Delivered)
            {
                await outbox.MarkSentAsync(message.Id, time.GetUtcNow(), CancellationToken.None);
                logger.LogInformation("Digest {DigestId} delivered to {Recipient}: {Detail}", message.Id, message.Recipient, result.Detail);
            }
            else
            {
                await outbox.MarkFailedAsync(message.Id, _leaseOwner, result.Detail, time.GetUtcNow(), CancellationToken.None);
                logger.LogError("Digest {DigestId} for {Recipient} could not be delivered (attempt {Attempt}), it stays queued: {Detail}",
                    message.Id, message.Recipient, message.Attempts + 1, result.Detail);
            }
            attempts.Add(new SendAttempt(message.Id, message.Recipient, message.MessageId, result.Delivered, result.Detail));
        }
        return attempts;
    }

    /// <summary>The problems of an invalid watchlists.yaml, for the digest footer: the analyst may not read the log.</summary>
    private IReadOnlyList<ConfigNotice> ConfigNotices(IReadOnlyList<ConfigProblem> problems) =>
        problems.Count == 0
            ? []
            : [new ConfigNotice($"{ConfigSource.Display(watchlists.File)} is invalid, the last good version is in force until it is fixed",
                problems.Select(p => p.ToString()).ToList())];

    private async Task<IReadOnlyList<FeedProblem>> FeedProblemsAsync(CancellationToken cancellationToken)
    {
        // Feeds failing for more than a day (a site down for an hour is not worth the analyst's attention), and
        // working feeds that went silent.
        var configured = feeds.Feeds.Select(f => f.Url.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var problems = new List<FeedProblem>();
        foreach (var feed in (await feedStates.ListAsync(cancellationToken)).Where(f => configured.Contains(f.Url)))
        {
            if (feed.LastError is not null && feed.FailingSince is { } since && since <= now - ProblemAfter)
                problems.Add(new FeedProblem(feed.Url, since, $"{feed.ConsecutiveFailures} failures in a row, last: {feed.LastError}"));
            else if (feed.LastError is null && PollIntervalCalculator.IsSilent(now, feed.LastItemAt, feed.UsualGap))
                problems.Add(new FeedProblem(feed.Url, feed.LastItemAt!.Value, $"no new item, though it usually publishes every {Configuration.Duration.Format(feed.UsualGap!.Value)}"));
        }
        return problems;
    }
}
