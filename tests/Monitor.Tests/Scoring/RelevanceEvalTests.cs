using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Dedup;
using Monitor.Scoring;
using Monitor.Text;
using Monitor.Tests.Support;
using Xunit.Abstractions;

namespace Monitor.Tests.Scoring;

/// <summary>
/// Relevance with the shipped watchlists (config/watchlists.yaml) on the labelled news set (read in place from
/// <c>../shared/news-eval</c>, never copied) and on our own hard negatives: fails when precision or recall drops below 0.9.
/// </summary>
public sealed class RelevanceEvalTests(ITestOutputHelper output)
{
    private static readonly Lazy<SeedCorpus> Seeds = new(() => SeedCorpus.Load(NewsEval.SeedsFolder, 5, new HtmlText(), NullLogger.Instance));

    private static readonly string ShippedWatchlists = Path.Combine(AppContext.BaseDirectory, "defaults", "config", "watchlists.yaml");

    [SkippableFact]
    public void ShippedWatchlists_MeetPrecisionAndRecallOnTheNewsSet()
    {
        Skip.If(NewsEval.Missing is not null, NewsEval.Missing);
        var watchlists = new WatchlistLoader().Load(ShippedWatchlists);
        var matcher = new WatchlistMatcher(SeedVocabulary.From(Seeds.Value));
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var a in NewsEval.Articles)
        {
            var scored = matcher.Score(watchlists, a.TitleOrEmpty, "", a.Text);
            var predicted = scored.IsRelevant;
            if (predicted && a.Relevant) tp++;
            else if (predicted) fp++;
            else if (a.Relevant) fn++;
            else tn++;
            var best = scored.Scores.OrderByDescending(s => s.Score / s.Threshold).First();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(predicted == a.Relevant ? "ok  " : "MISS")} {a.Id} {a.Lang}/{scored.Language,-2} relevant={a.Relevant,-5} seed {scored.SeedSimilarity:0.000} {scored.ClosestSeed?[..3]} {best.Watchlist} {best.Score:0.##}/{best.Threshold:0.##}: {string.Join(", ", best.Matches.Select(m => m.Term))}"));
        }
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"news set: precision {precision:0.000}, recall {recall:0.000} (tp {tp}, fp {fp}, fn {fn}, tn {tn})"));

        Assert.True(precision >= 0.9, string.Create(CultureInfo.InvariantCulture, $"precision {precision:0.000} < 0.9"));
        Assert.True(recall >= 0.9, string.Create(CultureInfo.InvariantCulture, $"recall {recall:0.000} < 0.9"));
    }

    /// <summary>
    /// Our own labelled cases (written for this test, not taken from anywhere): texts that share the themes'
    /// vocabulary but not their subject, and on-theme texts phrased without the obvious words.
    /// </summary>
    public static TheoryData<string, string, string, bool> HardCases() => new()
    {
        // Farm trade: "export", "China", "ban", "tariffs".
        { "soybeans", "China halts soybean purchases as export ban on US farm goods bites",
            "Chinese buyers cancelled orders for American soybeans and sorghum this week, farmers in Iowa said, as Beijing's retaliatory tariffs and an export ban on fertiliser shipments hit growers. Prices fell to a five-year low.", false },
        { "soja", "La Chine cesse ses achats de soja américain",
            "Les exportations de soja des États-Unis vers la Chine sont tombées à zéro en septembre, une première depuis des années. Les agriculteurs du Midwest réclament des aides, et Pékin se tourne vers le Brésil.", false },
        // Consumer graphics cards: Nvidia, GPU, Blackwell.
        { "gpu-review", "Nvidia GeForce RTX 5080 review: Blackwell for gamers",
            "We tested the new GPU in twelve games at 4K. Ray tracing performance is up 15 percent and DLSS 4 frame generation doubles frames per second in Cyberpunk 2077, but the card draws 360 watts and costs more than most gamers will pay.", false },
        // Export controls between other countries.
        { "japan-korea", "Tokyo tightens export controls on chip materials to Seoul",
            "Japan will require licences for exports of hydrogen fluoride and photoresists used to make semiconductors in South Korea, escalating a dispute over wartime labour. Samsung and SK Hynix hold three months of stock.", false },
        { "russia", "EU adds machine tools to Russia export ban",
            "The European Union widened its export restrictions on Russia to machine tools and electronic components that can be used in drones, closing loopholes exploited through Central Asian resellers.", false },
        // Other senses of the words.
        { "fleas", "Marché aux puces de Saint-Ouen : les chineurs au rendez-vous",
            "Le plus grand marché aux puces du monde a accueilli des milliers de visiteurs ce week-end. Les marchands de meubles anciens et de lithographies du XIXe siècle ont fait de bonnes affaires.", false },
        { "lithography-art", "Lithography workshop opens at the city museum",
            "Visitors can try stone lithography, the printing technique invented in 1796, with artists who print posters on a hundred-year-old press. The exhibition of prints runs until March.", false },
        { "chip-name", "Chip Wilson steps down from charity board",
            "The Lululemon founder Chip Wilson said he would leave the board of the foundation after ten years, to spend more time on conservation projects in British Columbia.", false },
        // AI outside the US–China frame.
        { "eu-ai-act", "EU AI Act obligations for general-purpose models take effect",
            "Providers of large language models in Europe must now publish summaries of their training data and comply with copyright rules, the European Commission said, as the AI Act's second phase begins.", false },

        // On-theme, in other words than the obvious ones.
        { "entity-list", "Commerce adds 140 Chinese firms to Entity List",
            "The Bureau of Industry and Security blacklisted 140 companies, including toolmakers that supply SMIC, and tightened rules on high-bandwidth memory shipments to China.", true },
        { "deepseek-fr", "DeepSeek dévoile un nouveau modèle de raisonnement",
            "La start-up chinoise DeepSeek a publié un modèle de raisonnement à poids ouverts qui rivalise avec les meilleurs modèles américains, pour une fraction du coût d'entraînement.", true },
        { "euv-fr", "Pékin teste un prototype de machine de lithographie EUV",
            "Des ingénieurs chinois ont assemblé un prototype de lithographie par ultraviolets extrêmes, selon des sources proches du projet, afin de contourner l'interdiction d'exportation des machines d'ASML.", true },
        { "big-fund", "China's Big Fund III raises 344 billion yuan for chips",
            "The third phase of the National Integrated Circuit Industry Investment Fund will back lithography, memory and AI chip makers, with state-owned banks among its shareholders.", true },
        { "huawei-ascend", "Huawei ships Ascend 910C to Chinese cloud providers",
            "Huawei has begun volume shipments of its Ascend 910C AI processor, made by SMIC on a 7nm process, as Chinese firms look for alternatives to Nvidia's H20.", true },
    };

    [Theory]
    [MemberData(nameof(HardCases))]
    public void ShippedWatchlists_TellHardCasesApart(string id, string title, string text, bool relevant)
    {
        var watchlists = new WatchlistLoader().Load(ShippedWatchlists);
        var scored = new WatchlistMatcher(SeedVocabulary.From(Seeds.Value)).Score(watchlists, title, "", text);
        var best = scored.Scores.OrderByDescending(s => s.Score / s.Threshold).First();
        var why = string.Create(CultureInfo.InvariantCulture,
            $"{id}: {best.Watchlist} {best.Score:0.##}/{best.Threshold:0.##} ({string.Join(", ", best.Matches.Select(m => $"{m.Term} as {m.Form}"))}; excluded {string.Join(", ", best.Excluded.Select(m => m.Term))}; unmet {best.UnmetRequirement})");
        output.WriteLine(why);

        Assert.True(scored.IsRelevant == relevant, why);
    }
}
