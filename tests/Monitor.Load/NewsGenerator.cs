using System.Globalization;
using System.Text;

namespace Monitor.Load;

/// <summary>
/// The generated corpus, as pure functions of (seed, feed, item): any feed can be written on its own, in any order or
/// in parallel, and the same seed gives the same bytes (for the same <c>now</c>, which only moves the dates).
/// <list type="bullet">
/// <item>About <see cref="OnThemeShare"/> of the originals are on one of the watchlists' themes, the rest general news.</item>
/// <item>About <see cref="CopyShare"/> of the items republish another feed's original: the same summary and text,
/// the copying site's URL and GUID, sometimes a lightly edited title (a wire story on several sites).</item>
/// <item>Items of a feed are spaced by its own gap (30 minutes to 7 hours) back from <c>now</c>, never more than six
/// days back, so that all of them are inside Monitor's 7-day look-back window on a first poll.</item>
/// </list>
/// </summary>
/// Items with a negative number are the soak's later items (<see cref="ChangedIn"/>): item -k is published k rounds
/// after <c>now</c>, a minute before that round starts.
internal sealed class NewsGenerator(int seed, int feedCount, int itemCount, DateTimeOffset now, TimeSpan roundLength)
{
    public const double OnThemeShare = 0.30;
    public const double CopyShare = 0.10;

    private static readonly string[] TitleWords =
    [
        "Harbour", "Valley", "County", "Metro", "Coastal", "Northern", "Evening", "Morning", "Daily", "Weekly", "Union",
        "Frontier", "Capital", "Market", "Lakeside", "Highland", "Riverside", "Central", "Western", "Eastern",
    ];

    private static readonly string[] TitleNouns =
    [
        "Ledger", "Courier", "Gazette", "Post", "Herald", "Observer", "Chronicle", "Tribune", "Dispatch", "Review",
        "Times", "Record", "Standard", "Journal", "Bulletin", "Monitor", "Sentinel", "Voice",
    ];

    public int FeedCount => feedCount;
    public int ItemCount => itemCount;

    public FeedPlan Plan(int feed)
    {
        var random = RandomFor(feed, -1, 1);
        var title = TitleWords[random.Next(TitleWords.Length)] + " " + TitleNouns[random.Next(TitleNouns.Length)];
        var host = "www." + title.ToLowerInvariant().Replace(' ', '-') + "-" + feed.ToString(CultureInfo.InvariantCulture) + ".example";
        var roll = random.NextDouble();
        var format = roll < 0.35 ? FeedFormat.RssWithContent : roll < 0.60 ? FeedFormat.RssDescriptionOnly : FeedFormat.Atom;
        var gapMinutes = Math.Min(random.Next(30, 7 * 60), 6 * 24 * 60 / Math.Max(1, itemCount));
        return new FeedPlan(feed, title, host, format, TimeSpan.FromMinutes(gapMinutes));
    }

    /// <summary>Whether <paramref name="feed"/> publishes a new item in soak round <paramref name="round"/> (1, 2, …).</summary>
    public bool ChangedIn(int feed, int round, double share) => RandomFor(feed, -round, 6).NextDouble() < share;

    /// <summary>Whether item <paramref name="item"/> of <paramref name="feed"/> republishes another feed's item.</summary>
    public bool IsCopy(int feed, int item) => feedCount > 1 && RandomFor(feed, item, 2).NextDouble() < CopyShare;

    public Article Item(FeedPlan plan, int item)
    {
        var published = Published(plan, item);
        if (!IsCopy(plan.Index, item))
            return Original(plan, item, published);

        var random = RandomFor(plan.Index, item, 3);
        int sourceFeed, sourceItem;
        do
        {
            sourceFeed = random.Next(feedCount);
            sourceItem = random.Next(itemCount);
        }
        while (sourceFeed == plan.Index || IsCopy(sourceFeed, sourceItem));
        var source = Original(Plan(sourceFeed), sourceItem, published);
        var title = random.Next(4) switch
        {
            0 => source.Title,
            1 => source.Title + " - report",
            2 => "UPDATE: " + source.Title,
            _ => source.Title.Replace(" says ", " said ", StringComparison.Ordinal) + " (" + plan.Title + ")",
        };
        var slug = Slug(title, plan.Index, item);
        return source with
        {
            Title = title,
            Url = ArticleUrl(plan, published, slug),
            Guid = ArticleUrl(plan, published, slug),
            CopyOf = (sourceFeed, sourceItem),
        };
    }

    private Article Original(FeedPlan plan, int item, DateTimeOffset published)
    {
        var random = RandomFor(plan.Index, item, 4);
        var onTheme = random.NextDouble() < OnThemeShare;
        var topics = onTheme ? NewsTopics.OnTheme : NewsTopics.OffTheme;
        var topic = topics[random.Next(topics.Length)];
        var slots = new Slots(random);
        var title = Capitalised(Template.Expand(topic.Titles[random.Next(topic.Titles.Length)], random, slots));
        var target = random.Next(1000, 3001);

        // Each article tells its own part of the beat: about 60% of the topic's sentences, in its own order, mixed
        // with neutral ones; only a long article runs out of them and says some of its things twice (in other words).
        var body = Shuffled(topic.Body.Length, random).Take(Math.Max(4, topic.Body.Length * 6 / 10)).Select(i => topic.Body[i]).ToList();
        var connectives = Shuffled(NewsTopics.Connectives.Length, random).Select(i => NewsTopics.Connectives[i]).ToList();
        var sentences = new List<string> { Template.Expand(topic.Leads[random.Next(topic.Leads.Length)], random, slots) };
        int nextBody = 0, nextConnective = 0;
        var length = sentences[0].Length;
        while (length < target)
        {
            var useConnective = nextBody == body.Count || (random.NextDouble() < 0.3 && nextConnective < connectives.Count);
            string template;
            if (!useConnective)
                template = body[nextBody++];
            else if (nextConnective < connectives.Count)
                template = connectives[nextConnective++];
            else
                template = body[random.Next(body.Count)];
            var sentence = Capitalised(Template.Expand(template, random, slots));
            sentences.Add(sentence);
            length += sentence.Length + 1;
        }

        var paragraphs = new List<string>();
        for (var i = 0; i < sentences.Count;)
        {
            var take = Math.Min(sentences.Count - i, random.Next(2, 5));
            paragraphs.Add(string.Join(' ', sentences.Skip(i).Take(take)));
            i += take;
        }
        var summary = sentences.Count > 1 && sentences[0].Length < 250 ? sentences[0] + " " + sentences[1] : sentences[0];
        var slug = Slug(title, plan.Index, item);
        var url = ArticleUrl(plan, published, slug);
        var guid = plan.Format == FeedFormat.Atom
            ? "tag:" + plan.Host + ",2026:article-" + item.ToString(CultureInfo.InvariantCulture)
            : url;
        return new Article(title, summary, paragraphs, url, guid, published, topic.Name, onTheme, null);
    }

    private DateTimeOffset Published(FeedPlan plan, int item)
    {
        if (item < 0)
            return now + roundLength * -item - TimeSpan.FromMinutes(1);
        var jitter = RandomFor(plan.Index, item, 5).Next(0, Math.Max(1, (int)plan.Gap.TotalMinutes / 2));
        return now - plan.Gap * item - TimeSpan.FromMinutes(jitter) - TimeSpan.FromMinutes(5);
    }

    private static string ArticleUrl(FeedPlan plan, DateTimeOffset published, string slug) =>
        "https://" + plan.Host + "/news/" + published.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + "/" + slug;

    private static string Slug(string title, int feed, int item)
    {
        var slug = new StringBuilder();
        foreach (var word in title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(7))
        {
            var letters = new string(word.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
            if (letters.Length == 0)
                continue;
            slug.Append(letters).Append('-');
        }
        return slug.Append(feed.ToString(CultureInfo.InvariantCulture)).Append('-').Append(item.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static string Capitalised(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static int[] Shuffled(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }

    /// <summary>
    /// A generator of its own for each (feed, item, purpose): SplitMix64 over the seed and the coordinates. (Not
    /// <see cref="HashCode"/>, which is randomised per process.)
    /// </summary>
    private Random RandomFor(int feed, int item, int purpose)
    {
        unchecked
        {
            var x = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)feed << 32 ^ (ulong)(uint)item << 8 ^ (ulong)(uint)purpose;
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ x >> 30) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ x >> 27) * 0x94D049BB133111EBUL;
            x ^= x >> 31;
            return new Random((int)(x & 0x7FFFFFFF));
        }
    }
}
