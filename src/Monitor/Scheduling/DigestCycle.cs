using System.Globalization;
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
/// any send, then sends what is pending. A failed send stays pending and is retried with the same bytes and Message-Id,
/// after an exponential backoff (<see cref="RetryBackoff"/>); articles count as sent to a recipient only once the
/// server accepted the mail. A digest composed while watchlists.yaml is invalid says so in its footer.
/// </summary>
public sealed class DigestCycle(
    ArticleStore articles,
    FeedStateStore feedStates,
    OutboxStore outbox,
    ProcessLocks locks,
    DigestSlotStore slots,
    DigestComposer composer,
    MailMessageBuilder messages,
    IMailTransport transport,
    WatchlistProvider watchlists,
    FeedList feeds,
    IOptions<DigestOptions> options,
    IOptions<AlertOptions> alertOptions,
    IOptions<SmtpOptions> smtp,
    WorkerMetrics metrics,
    TimeProvider time,
    ILogger<DigestCycle> logger)
{
    /// <summary>
    /// How long a send holds a message before another process may try it: longer than the slowest possible send
    /// (connect, TLS, AUTH, MAIL, RCPT, DATA, each within Smtp:TimeoutSeconds), so a live send is never taken over.
    /// A lease held by a process that is certainly gone is taken over at once (<see cref="ProcessLocks.IsGone"/>).
    /// </summary>
    private TimeSpan SendLease => TimeSpan.FromSeconds(8 * smtp.Value.TimeoutSeconds) + TimeSpan.FromMinutes(5);

    /// <summary>How long a feed must have been failing before the digest mentions it.</summary>
    public static readonly TimeSpan ProblemAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// An explicit run (<c>monitor once</c>, the demo): composes and queues the digests of <paramref name="recipients"/>
    /// whatever their schedule, then tries every pending mail, backoff or not: the user asked for a try now.
    /// </summary>
    public async Task<DigestCycleResult> RunAsync(IReadOnlyList<RecipientOptions> recipients, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(cancellationToken);
        var composed = new List<ComposedDigest>();
        foreach (var recipient in recipients)
        {
            if (await ComposeAsync(recipient, context, cancellationToken) is not { } built)
                continue;
            var id = await outbox.EnqueueAsync(OutboxKind.Digest, recipient.Key, built.MessageId, built.Digest.Subject, built.Mime, built.Digest.ArticleIds, built.Now, alertOptions.Value.RepeatInDigest, cancellationToken);
            if (LogQueued(recipient, id, built))
                composed.Add(built.Digest);
        }
        if (composed.Count > 0)
            await TestPause.AtAsync(TestPause.AfterCompose, logger);

        var attempts = await SendPendingAsync(SendScope.All, cancellationToken);
        return new DigestCycleResult(composed, attempts);
    }

    /// <summary>
    /// The digest <paramref name="recipient"/> would get now, composed as a run composes it, without queueing or
    /// marking anything (<c>monitor preview</c>); null when there is nothing to send.
    /// </summary>
    public async Task<ComposedDigest?> PreviewAsync(RecipientOptions recipient, CancellationToken cancellationToken) =>
        await ComposeDigestAsync(recipient, await ContextAsync(cancellationToken), time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// One scheduled digest slot of one recipient (<c>monitor run</c>: the cron trigger at <paramref name="slotAt"/>, or
    /// the catch-up at start of a slot missed while no worker ran). Composes only if this process wins the slot's claim,
    /// which commits together with the queued digest, so two processes never both compose a slot and a crash before the
    /// commit leaves the slot open for the next start's catch-up. Then sends the pending mails that are due.
    /// </summary>
    public async Task<DigestCycleResult> RunSlotAsync(RecipientOptions recipient, DateTimeOffset slotAt, bool catchUp, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(cancellationToken);
        var slot = DigestSchedule.Describe(recipient, slotAt);
        ComposedDigest? queued = null;
        await using (var claim = await slots.TryClaimAsync(recipient.Key, slotAt, LeaseOwner.Current, catchUp, time.GetUtcNow(), cancellationToken))
        {
            if (claim is null)
            {
                logger.LogInformation("Digest slot {DigestSlot} for {Recipient} was already handled (by this or another Monitor process): not composed again", slot, recipient.Address);
                return new DigestCycleResult([], await SendPendingAsync(SendScope.Due, cancellationToken));
            }
            if (catchUp)
                logger.LogInformation("Catch-up: digest slot {DigestSlot} for {Recipient} was not run (no Monitor was running, or its run failed); composing it now", slot, recipient.Address);
            else
                logger.LogInformation("Digest slot {DigestSlot} for {Recipient}: composing", slot, recipient.Address);

            if (await ComposeAsync(recipient, context, cancellationToken) is { } built)
            {
                var id = await claim.EnqueueAsync(OutboxKind.Digest, built.MessageId, built.Digest.Subject, built.Mime, built.Digest.ArticleIds, built.Now, alertOptions.Value.RepeatInDigest, cancellationToken);
                await claim.CommitAsync(cancellationToken);
                if (LogQueued(recipient, id, built))
                    queued = built.Digest;
            }
            else
            {
                await claim.CommitAsync(cancellationToken);
            }
        }
        if (queued is not null)
            await TestPause.AtAsync(TestPause.AfterCompose, logger);

        var attempts = await SendPendingAsync(SendScope.Due, cancellationToken);
        return new DigestCycleResult(queued is null ? [] : [queued], attempts);
    }

    /// <summary>
    /// Sends the pending outbox messages of <paramref name="scope"/> once each. A failure stays pending, its next attempt
    /// due after <see cref="SmtpOptions.RetryBackoff"/>; the failure is logged with the attempt number and that time.
    /// </summary>
    public async Task<IReadOnlyList<SendAttempt>> SendPendingAsync(SendScope scope, CancellationToken cancellationToken)
    {
        var attempts = new List<SendAttempt>();
        var dueBy = scope == SendScope.Due ? time.GetUtcNow() : (DateTimeOffset?)null;
        foreach (var message in await outbox.PendingAsync(dueBy, cancellationToken))
        {
            if (!await TryLeaseAsync(message, cancellationToken))
                continue;
            var result = await transport.SendAsync(message, cancellationToken);
            metrics.RecordDelivery(message.Kind, result.Delivered);
            // Not cancellable: once the server has accepted the mail, recording it must not be skipped.
            if (result.Delivered)
            {
                await TestPause.AtAsync(TestPause.AfterAccept, logger);
                await RecordSentAsync(message);
                logger.LogInformation("{MailKind} {OutboxId} delivered to {Recipient}: {Detail}", KindLabel(message.Kind), message.Id, message.Recipient, result.Detail);
            }
            else
            {
                var attempt = message.Attempts + 1;
                var now = time.GetUtcNow();
                var next = now + smtp.Value.RetryBackoff.After(attempt);
                await outbox.MarkFailedAsync(message.Id, LeaseOwner.Current, result.Detail, now, next, CancellationToken.None);
                logger.LogError("{MailKind} {OutboxId} for {Recipient} could not be delivered (attempt {Attempt}), it stays queued; next attempt at {NextAttemptAt}: {Detail}",
                    KindLabel(message.Kind), message.Id, message.Recipient, attempt, next.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), result.Detail);
            }
            attempts.Add(new SendAttempt(message.Id, message.Recipient, message.MessageId, result.Delivered, result.Detail));
        }
        return attempts;
    }

    /// <summary>
    /// Records an accepted mail as sent, retrying for a few minutes (the database locked by another process, a full disk
    /// being cleared): not recorded, the mail would be sent again once its lease expires. Not cancellable.
    /// </summary>
    private async Task RecordSentAsync(OutboxMessage message)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await outbox.MarkSentAsync(message.Id, time.GetUtcNow(), CancellationToken.None);
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or IOException && attempt < RecordSentAttempts)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(60, 1 << attempt));
                logger.LogWarning("{MailKind} {OutboxId} was accepted by the server but could not be recorded as sent (attempt {Attempt}): {Error}; retrying in {Wait}",
                    KindLabel(message.Kind), message.Id, attempt, ex.Message, wait);
                await Task.Delay(wait, time, CancellationToken.None);
            }
        }
    }

    /// <summary>Attempts at recording a sent mail (waits of 2, 4 ... 60 s: about four minutes in all) before the error is left to the job.</summary>
    private const int RecordSentAttempts = 9;

    /// <summary>"Digest" or "Alert" for the log, from the outbox row's kind.</summary>
    private static string KindLabel(string kind) => string.Equals(kind, OutboxKind.Alert, StringComparison.Ordinal) ? "Alert" : "Digest";

    private async Task<bool> TryLeaseAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        locks.Hold(LeaseOwner.Current);
        if (await outbox.TryLeaseAsync(message.Id, LeaseOwner.Current, now, now + SendLease, cancellationToken))
            return true;
        if (message.LeaseOwner is { } holder && locks.IsGone(holder)
            && await outbox.TakeOverLeaseAsync(message.Id, holder, LeaseOwner.Current, now + SendLease, cancellationToken))
        {
            logger.LogWarning("Digest {DigestId} for {Recipient} was being sent by a Monitor process that is gone ({LeaseOwner}); sending it again, same Message-Id {MessageId}",
                message.Id, message.Recipient, holder, message.MessageId);
            return true;
        }
        logger.LogDebug("Digest {DigestId} is being sent by another process", message.Id);
        return false;
    }

    /// <summary>What every digest of one pass shares: one version of the watchlists, the feed problems, the config notices.</summary>
    private sealed record PassContext(WatchlistSet Watchlists, IReadOnlyList<FeedProblem> Problems, IReadOnlyList<ConfigNotice> Notices);

    private sealed record BuiltDigest(ComposedDigest Digest, string MessageId, byte[] Mime, DateTimeOffset Now);

    private async Task<PassContext> ContextAsync(CancellationToken cancellationToken) =>
        new(watchlists.Current, await FeedProblemsAsync(cancellationToken), ConfigNotices(watchlists.Problems));

    private async Task<BuiltDigest?> ComposeAsync(RecipientOptions recipient, PassContext context, CancellationToken cancellationToken)
    {
        await TestPause.AtAsync(TestPause.BeforeCompose, logger);
        var now = time.GetUtcNow();
        var digest = await ComposeDigestAsync(recipient, context, now, cancellationToken);
        if (digest is null)
        {
            logger.LogInformation("Nothing new for {Recipient}: no digest", recipient.Address);
            return null;
        }
        var (messageId, mime) = messages.Build(digest, now);
        return new BuiltDigest(digest, messageId, mime, now);
    }

    private async Task<ComposedDigest?> ComposeDigestAsync(RecipientOptions recipient, PassContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The period runs from the previous digest composed for this recipient, else over the age window. Articles found
        // since that digest are all candidates, even beyond the age window (a weekly digest caught up an hour late, a DST
        // week), within MaxDigestGap; the age window alone applies to a recipient's first digest.
        var window = now - TimeSpan.FromDays(options.Value.MaxArticleAgeDays);
        var last = await articles.LastComposedAtAsync(recipient.Key, OutboxKind.Digest, cancellationToken);
        var since = last is { } previous && previous < window ? Max(previous, now - MaxDigestGap) : window;
        var periodStart = last is { } l && l > now - MaxDigestGap ? l : window;
        var candidates = await articles.DigestCandidatesAsync(recipient.Key, since, alertOptions.Value.RepeatInDigest, cancellationToken);
        return composer.Compose(recipient, candidates, context.Watchlists, context.Problems, context.Notices, now, periodStart: periodStart, unsubscribe: smtp.Value.UnsubscribeUri);
    }

    /// <summary>How far back a digest reaches for what was found since the previous one (a weekly digest plus a long outage).</summary>
    public static readonly TimeSpan MaxDigestGap = TimeSpan.FromDays(35);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private bool LogQueued(RecipientOptions recipient, long? id, BuiltDigest built)
    {
        if (id is null)
        {
            logger.LogInformation("Digest for {Recipient} not queued: another Monitor process queued or sent some of its articles meanwhile", recipient.Address);
            return false;
        }
        logger.LogInformation("Digest {DigestId} for {Recipient} queued: {ArticleCount} articles, Message-Id {MessageId}", id, recipient.Address, built.Digest.ItemCount, built.MessageId);
        return true;
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
