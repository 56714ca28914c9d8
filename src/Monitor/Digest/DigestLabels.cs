using System.Globalization;

namespace Monitor.Digest;

/// <summary>
/// The words of a digest or alert in the recipient's language (<c>Language</c>: <c>en</c> or <c>fr</c>), given to the
/// templates as <c>labels</c> (<c>{{ labels.also_reported_by }}</c>), with the culture its dates and numbers are
/// written in and its subject line. One small table rather than one template per language: a layout edit is made once.
/// </summary>
public sealed record DigestLabels
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    public required CultureInfo Culture { get; init; }

    public required string Title { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required string NewArticle { get; init; }

    public required string NewArticles { get; init; }

    public required string Watchlists { get; init; }

    public required string Score { get; init; }

    public required string Matched { get; init; }

    public required string AlsoIn { get; init; }

    public required string AlsoReportedBy { get; init; }

    public required string FeedProblems { get; init; }

    public required string Since { get; init; }

    public required string ConfigProblem { get; init; }

    public required string Untitled { get; init; }

    public required string FooterReason { get; init; }

    public required string FooterWatchlists { get; init; }

    public required string FooterRecipients { get; init; }

    public required string Unsubscribe { get; init; }

    /// <summary>The labels of <paramref name="language"/> (validated: <c>en</c> or <c>fr</c>; anything else reads as English).</summary>
    public static DigestLabels For(string language, MailKind kind) =>
        string.Equals(language, "fr", StringComparison.OrdinalIgnoreCase) ? French(kind) : English(kind);

    /// <summary>The subject line: digests name the day, the count and the watchlists; an alert of one article is its title.</summary>
    public string Subject(MailKind kind, DateTimeOffset localNow, int count, IReadOnlyList<string> watchlists, string firstTitle)
    {
        var names = string.Join(", ", watchlists);
        var french = Culture.TwoLetterISOLanguageName == "fr";
        // French puts a (narrow) space before a colon.
        var colon = french ? "\u00a0:" : ":";
        if (kind == MailKind.Alert)
            return count == 1 ? $"{Title}{colon} {firstTitle}" : string.Create(Culture, $"{Title}{colon} {count} articles {(french ? "sur" : "on")} {names}");
        return french
            ? string.Create(Culture, $"{Title}, {localNow:d MMM yyyy}{colon} {count} {(count == 1 ? NewArticle : NewArticles)} sur {names}")
            : string.Create(Culture, $"{Title}, {localNow:d MMM yyyy}{colon} {count} {(count == 1 ? NewArticle : NewArticles)} on {names}");
    }

    /// <summary>A time in the recipient's time zone, written in their language: <c>Mon 23 Nov 2026 06:30 (Europe/Paris)</c>.</summary>
    public string Time(DateTimeOffset time, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(time, timeZone).ToString("ddd d MMM yyyy HH:mm", Culture) + " (" + timeZone.Id + ")";

    private static DigestLabels English(MailKind kind) => new()
    {
        // The invariant culture writes English day and month names the same on every machine.
        Culture = CultureInfo.InvariantCulture,
        Title = kind == MailKind.Alert ? "Monitor alert" : "Monitor digest",
        From = "From",
        To = "to",
        NewArticle = "new article",
        NewArticles = "new articles",
        Watchlists = "Watchlists",
        Score = "score",
        Matched = "matched",
        AlsoIn = "also in",
        AlsoReportedBy = "Also reported by",
        FeedProblems = "Feeds with problems",
        Since = "since",
        ConfigProblem = "Configuration problem",
        Untitled = "(untitled)",
        FooterReason = kind == MailKind.Alert
            ? "You receive this alert because your address is listed in Monitor's configuration."
            : "You receive this digest because your address is listed in Monitor's configuration.",
        FooterWatchlists = "Edit config/watchlists.yaml to change what is selected,",
        FooterRecipients = "and Digest:Recipients in config/appsettings.json to change who receives it and when.",
        Unsubscribe = "Unsubscribe",
    };

    private static DigestLabels French(MailKind kind) => new()
    {
        Culture = CultureInfo.GetCultureInfo("fr-FR"),
        Title = kind == MailKind.Alert ? "Alerte Monitor" : "Veille Monitor",
        From = "Du",
        To = "au",
        NewArticle = "nouvel article",
        NewArticles = "nouveaux articles",
        Watchlists = "Listes de veille",
        Score = "score",
        Matched = "termes",
        AlsoIn = "aussi dans",
        AlsoReportedBy = "Aussi publié par",
        FeedProblems = "Flux en difficulté",
        Since = "depuis",
        ConfigProblem = "Problème de configuration",
        Untitled = "(sans titre)",
        FooterReason = kind == MailKind.Alert
            ? "Vous recevez cette alerte parce que votre adresse figure dans la configuration de Monitor."
            : "Vous recevez cette veille parce que votre adresse figure dans la configuration de Monitor.",
        FooterWatchlists = "Modifiez config/watchlists.yaml pour changer ce qui est retenu,",
        FooterRecipients = "et Digest:Recipients dans config/appsettings.json pour changer qui la reçoit et quand.",
        Unsubscribe = "Se désabonner",
    };
}
