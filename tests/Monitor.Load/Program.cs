using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml;
using Monitor.Load;

// The feed generator of the load harness (tests/load/run.sh; see "Load harness" in docs/benchmarks.md):
//   dotnet run -c Release --project tests/Monitor.Load -- --out DIR --base-url http://127.0.0.1:8080 [--feeds 500] [--items 20] [--seed 9] [--now 2026-01-01T12:00:00Z]
//       [--round R --changed FRACTION --round-minutes MINUTES]
// Writes DIR/site/f/NNNNN.rss|.atom, DIR/feeds.yaml (Monitor), DIR/feeds.opml (rss2email) and prints what it made.
// With --round R (the soak, tests/load/soak.sh), it rewrites only the feeds that changed in round R: about FRACTION
// of the feeds get one new item in each round, published R x MINUTES after --now (which must be the --now of the
// first generation), and drop their oldest; feeds.yaml and feeds.opml are left alone.

var options = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--feeds"] = "500",
    ["--items"] = "20",
    ["--seed"] = "9",
    ["--now"] = "",
    ["--out"] = "",
    ["--base-url"] = "",
    ["--round"] = "0",
    ["--changed"] = "0.2",
    ["--round-minutes"] = "5",
};
const string Usage = "usage: monitor-load --out DIR --base-url URL [--feeds N] [--items M] [--seed S] [--now ISO-8601] [--round R --changed FRACTION --round-minutes MINUTES]";
for (var i = 0; i < args.Length; i++)
{
    if (!options.ContainsKey(args[i]) || i + 1 == args.Length)
    {
        Console.Error.WriteLine($"{Usage}; unexpected '{args[i]}'");
        return 2;
    }
    options[args[i]] = args[++i];
}
if (options["--out"].Length == 0 || options["--base-url"].Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var feedCount = int.Parse(options["--feeds"], CultureInfo.InvariantCulture);
var itemCount = int.Parse(options["--items"], CultureInfo.InvariantCulture);
var seed = int.Parse(options["--seed"], CultureInfo.InvariantCulture);
// The dates are the only part that depends on the day: by default the current hour, so that every item is inside
// Monitor's 7-day look-back window whenever the harness runs.
var now = options["--now"].Length > 0
    ? DateTimeOffset.Parse(options["--now"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
    : new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);
var round = int.Parse(options["--round"], CultureInfo.InvariantCulture);
var changed = double.Parse(options["--changed"], CultureInfo.InvariantCulture);
var roundLength = TimeSpan.FromMinutes(double.Parse(options["--round-minutes"], CultureInfo.InvariantCulture));
if (round > 0 && options["--now"].Length == 0)
{
    Console.Error.WriteLine("--round needs the --now of the first generation (the items' dates and URLs follow it)");
    return 2;
}
var output = Path.GetFullPath(options["--out"]);
var baseUrl = options["--base-url"].TrimEnd('/');
var site = Path.Combine(output, "site", "f");
Directory.CreateDirectory(site);

var started = Stopwatch.GetTimestamp();
var generator = new NewsGenerator(seed, feedCount, itemCount, now, roundLength);
if (round > 0)
{
    // A round of the soak: the feeds that changed in this round get their window moved by one item (the newest
    // is item -k after k changes), written by temp file and rename so that nginx never serves half a feed.
    var written = 0;
    var roundNow = now + roundLength * round;
    Parallel.For(0, feedCount, feed =>
    {
        if (!generator.ChangedIn(feed, round, changed))
            return;
        var shift = Enumerable.Range(1, round).Count(r => generator.ChangedIn(feed, r, changed));
        var plan = generator.Plan(feed);
        var items = Enumerable.Range(-shift, itemCount).Select(item => generator.Item(plan, item)).ToList();
        var path = Path.Combine(site, plan.FileName);
        using (var file = File.Create(path + ".tmp"))
            FeedWriter.Write(file, plan, items, roundNow);
        File.Move(path + ".tmp", path, overwrite: true);
        Interlocked.Increment(ref written);
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Round {round}: {written} of {feedCount} feeds got a new item in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
    return 0;
}
var plans = new FeedPlan[feedCount];
long bytes = 0, textCharacters = 0;
int onTheme = 0, copies = 0, atom = 0, rssContent = 0;
Parallel.For(0, feedCount, feed =>
{
    var plan = generator.Plan(feed);
    plans[feed] = plan;
    var items = new List<Article>(itemCount);
    for (var item = 0; item < itemCount; item++)
        items.Add(generator.Item(plan, item));
    var path = Path.Combine(site, plan.FileName);
    using (var file = File.Create(path))
        FeedWriter.Write(file, plan, items, now);
    Interlocked.Add(ref bytes, new FileInfo(path).Length);
    Interlocked.Add(ref textCharacters, items.Sum(a => (long)a.Paragraphs.Sum(p => p.Length)));
    Interlocked.Add(ref onTheme, items.Count(a => a.OnTheme));
    Interlocked.Add(ref copies, items.Count(a => a.CopyOf is not null));
    if (plan.Format == FeedFormat.Atom)
        Interlocked.Increment(ref atom);
    else if (plan.Format == FeedFormat.RssWithContent)
        Interlocked.Increment(ref rssContent);
});

var urls = plans.Select(p => baseUrl + "/f/" + p.FileName).ToList();
var yaml = new StringBuilder("# Generated by tests/Monitor.Load (seed ").Append(seed).Append("): ").Append(feedCount).Append(" feeds x ").Append(itemCount).Append(" items\nfeeds:\n");
foreach (var url in urls)
    yaml.Append("  - url: ").Append(url).Append('\n');
File.WriteAllText(Path.Combine(output, "feeds.yaml"), yaml.ToString());

using (var opml = XmlWriter.Create(Path.Combine(output, "feeds.opml"), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
{
    opml.WriteStartElement("opml");
    opml.WriteAttributeString("version", "2.0");
    opml.WriteStartElement("head");
    opml.WriteElementString("title", "Monitor load harness feeds");
    opml.WriteEndElement();
    opml.WriteStartElement("body");
    for (var i = 0; i < feedCount; i++)
    {
        opml.WriteStartElement("outline");
        // rss2email names each feed after the text: unique names, or it refuses the duplicates.
        opml.WriteAttributeString("text", "feed-" + plans[i].FileName.Replace('.', '-'));
        opml.WriteAttributeString("type", "rss");
        opml.WriteAttributeString("xmlUrl", urls[i]);
        opml.WriteEndElement();
    }
    opml.WriteEndElement();
    opml.WriteEndElement();
}

var total = (long)feedCount * itemCount;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Generated {feedCount} feeds x {itemCount} items = {total} items in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (seed {seed}, now {now:yyyy-MM-dd HH:mm}Z) into {output}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  formats: {rssContent} RSS 2.0 with content:encoded, {feedCount - rssContent - atom} RSS 2.0 description only, {atom} Atom 1.0"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  items: {onTheme} on-theme ({100.0 * onTheme / Math.Max(1, total):0.0}%), {copies} syndicated copies ({100.0 * copies / Math.Max(1, total):0.0}%), article text {textCharacters / Math.Max(1, total)} characters on average"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  files: {bytes / 1048576.0:0.0} MB of feeds ({bytes / Math.Max(1, feedCount) / 1024.0:0.0} KB a feed)"));
return 0;
