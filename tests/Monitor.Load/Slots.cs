using System.Globalization;

namespace Monitor.Load;

/// <summary>
/// Values for the <c>$NAME</c> slots of one article's templates. As in a real report, an article has its own cast
/// (two to four people, quoted again and again), one main weekday and one main city, and a few figures it keeps
/// coming back to (one or two dates, two percentages, two amounts, two counts); people's surnames are drawn from
/// thousands, and figures from wide ranges. So two unrelated generated articles rarely share the facts (names,
/// amounts, dates) that Monitor's dedup reads as the anchors of one story, as two unrelated real articles rarely do;
/// articles of one beat still share its usual names (Nvidia, Huawei, SMIC, H20…), as real ones do.
/// </summary>
internal sealed class Slots
{
    private static readonly string[] Syllables =
        ["ber", "lin", "do", "ka", "mar", "sen", "tor", "vi", "wen", "zu", "ha", "ro", "ne", "qui", "sta", "fel", "gor",
         "mi", "an", "el", "bra", "cos", "dre", "fa", "gil", "hol", "jas", "kel", "lu", "mon", "nor", "pa", "rin", "sol"];

    private readonly string[] _cast;
    private readonly string _day;
    private readonly string _city;
    private readonly Dictionary<string, string[]> _figures = new(StringComparer.Ordinal);

    public Slots(Random random)
    {
        foreach (var (name, count) in new[] { ("DATE", random.Next(1, 3)), ("PCT", 2), ("USD", 2), ("YUAN", random.Next(1, 3)), ("N", 2) })
            _figures[name] = Enumerable.Range(0, count).Select(_ => Figure(name, random)).ToArray();
        _cast = new string[random.Next(2, 5)];
        for (var i = 0; i < _cast.Length; i++)
            _cast[i] = Person(random);
        _day = Weekdays[random.Next(Weekdays.Length)];
        _city = Pick("CITY", random);
    }

    private static string Person(Random random)
    {
        var first = random.Next(3) == 0 ? Invented(random, 2) : FirstNames[random.Next(FirstNames.Length)];
        return first + " " + (random.Next(2) == 0 ? LastNames[random.Next(LastNames.Length)] : Invented(random, random.Next(2, 4)));
    }

    private static string Invented(Random random, int syllables)
    {
        var name = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static readonly string[] FirstNames =
    [
        "Sarah", "James", "Maria", "David", "Elena", "Michael", "Priya", "Thomas", "Laura", "Daniel", "Aisha", "Robert",
        "Chloe", "Kenji", "Hannah", "Lucas", "Fatima", "Peter", "Ingrid", "Samuel", "Mei", "Oliver", "Nadia", "Victor",
        "Grace", "Martin", "Yuki", "Andrew", "Sofia", "Hugo", "Rachel", "Omar", "Julia", "Patrick", "Leila", "Simon",
        "Wei", "Jun", "Li", "Hao", "Xin", "Ying", "Feng", "Lan", "Tao", "Min", "Rui", "Qing", "Bo", "Yan", "Kai",
        "Eleanor", "Marcus", "Anika", "Tomas", "Beatriz", "Henrik", "Claire", "Rafael", "Noor",
    ];

    private static readonly string[] LastNames =
    [
        "Miller", "Okafor", "Lindqvist", "Brennan", "Castillo", "Whitfield", "Nakamura", "Dubois", "Kowalski", "Haddad",
        "Fischer", "Moreau", "Patel", "Sullivan", "Romero", "Bergström", "Adeyemi", "Novak", "Hartmann", "Costa",
        "Zhang", "Wang", "Chen", "Liu", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Gao", "Lin", "He", "Guo",
        "Luo", "Tang", "Deng", "Feng", "Song", "Thornton", "Ashworth", "Delgado", "Ferreira", "Iversen", "Kaplan",
        "Lambert", "Mendes", "Ortega", "Quinn", "Rasmussen", "Schubert", "Takahashi", "Vance", "Weller", "Yilmaz",
        "Abbott", "Blackwood", "Carver", "Drummond",
    ];

    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly Dictionary<string, string[]> Pools = new(StringComparer.Ordinal)
    {
        ["CITY"] = ["Rotterdam", "Leeds", "Lyon", "Denver", "Portland", "Adelaide", "Porto", "Gdansk", "Tampere", "Malmo",
            "Bristol", "Halifax", "Nantes", "Graz", "Ghent", "Bergen", "Aarhus", "Bilbao", "Turin", "Cork", "Dundee",
            "Leipzig", "Bologna", "Seville", "Utrecht", "Kraków", "Brno", "Winnipeg", "Tucson", "Omaha", "Savannah"],
        ["ANALYST_FIRM"] = ["TrendForce", "Counterpoint Research", "Bernstein", "Jefferies", "Morgan Stanley", "SemiAnalysis",
            "Gavekal Dragonomics", "Rhodium Group", "Gartner", "IDC", "Citi", "Goldman Sachs", "Macquarie", "Omdia"],
        ["THINK_TANK"] = ["the Center for Strategic and International Studies", "the Mercator Institute for China Studies",
            "the Brookings Institution", "the Carnegie Endowment", "Georgetown's Center for Security and Emerging Technology",
            "the Rhodium Group", "the Council on Foreign Relations", "the Peterson Institute"],
        ["US_FIRM"] = ["Nvidia", "AMD", "Intel", "Micron", "Applied Materials", "Lam Research", "KLA", "Qualcomm"],
        ["CN_FIRM"] = ["SMIC", "Huawei", "Hua Hong", "YMTC", "CXMT", "Cambricon", "Naura", "SMEE", "Moore Threads", "Biren"],
        ["CN_LAB"] = ["DeepSeek", "Zhipu", "Moonshot AI", "MiniMax", "StepFun", "Baichuan", "01.AI"],
        ["CN_PLACE"] = ["Shanghai", "Shenzhen", "Hefei", "Hangzhou", "Wuhan", "Chengdu", "Guangdong", "Jiangsu", "Zhejiang",
            "Beijing", "Suzhou", "Xi'an", "Chongqing", "Tianjin"],
        ["NVIDIA_CHIP"] = ["H20", "H800", "B30A", "RTX Pro 6000D"],
        ["HUAWEI_CHIP"] = ["Ascend 910B", "Ascend 910C", "Ascend 920"],
        ["NODE"] = ["7nm", "5nm", "7 nm", "5 nm"],
        ["COMPANY"] = ["Harbor Foods", "Northwind Logistics", "Bellwether Insurance", "Crestline Retail", "Alder Pharmaceuticals",
            "Summit Airlines", "Marlow Brewing", "Granite Homes", "Evergreen Utilities", "Kestrel Motors", "Bramble Fashion",
            "Tidewater Shipping", "Lakeside Hotels", "Foxglove Media", "Ironbridge Steel", "Orchard Grocers"],
        ["TEAM"] = ["Rovers", "United", "City", "Wanderers", "Athletic", "Rangers", "Harriers", "Mariners", "Foxes", "Comets"],
        ["SPORT_EVENT"] = ["the cup semi-final", "the league opener", "the derby", "the season finale", "the regional final",
            "the play-off decider", "the friendly", "the quarter-final"],
        ["DISH"] = ["lemon risotto", "braised short ribs", "spiced lentil soup", "roast cauliflower", "apple crumble",
            "mushroom stroganoff", "grilled mackerel", "chickpea curry", "sourdough focaccia", "pear tart"],
        ["INGREDIENT"] = ["garlic", "thyme", "smoked paprika", "fresh ginger", "brown butter", "miso", "lemon zest",
            "crème fraîche", "toasted hazelnuts", "sage", "capers", "chilli flakes"],
        ["ARTIST"] = ["the city orchestra", "a touring string quartet", "the youth theatre company", "a local jazz trio",
            "the national ballet", "an independent film collective", "the choir of St Mary's"],
        ["AILMENT"] = ["seasonal flu", "measles", "norovirus", "hay fever", "type 2 diabetes", "heart disease", "asthma"],
        ["WEATHER"] = ["heavy rain", "strong winds", "a heatwave", "freezing fog", "thunderstorms", "snow showers", "coastal flooding"],
    };

    public string Value(string name, Random random) =>
        _figures.TryGetValue(name, out var figures) ? figures[random.Next(figures.Length)] : Other(name, random);

    private static string Figure(string name, Random random) => name switch
    {
        "DATE" => Months[random.Next(Months.Length)] + " " + random.Next(1, 29).ToString(CultureInfo.InvariantCulture),
        "PCT" => random.Next(3) == 0
            ? (random.Next(10, 990) / 10.0).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : random.Next(2, 75).ToString(CultureInfo.InvariantCulture) + " percent",
        "USD" => random.Next(2) == 0
            ? "$" + (random.Next(11, 990) / 10.0).ToString("0.#", CultureInfo.InvariantCulture) + " billion"
            : "$" + random.Next(12, 980).ToString(CultureInfo.InvariantCulture) + " million",
        "YUAN" => (random.Next(5, 3000) / 10.0).ToString("0.#", CultureInfo.InvariantCulture) + " billion yuan",
        _ => random.Next(120, 48_000).ToString("N0", CultureInfo.InvariantCulture),
    };

    private string Other(string name, Random random) => name switch
    {
        "P" => random.Next(8) == 0 ? Person(random) : _cast[random.Next(_cast.Length)],
        "DAY" => random.Next(5) == 0 ? Weekdays[random.Next(Weekdays.Length)] : _day,
        "CITY" => random.Next(4) == 0 ? Pick("CITY", random) : _city,
        // Mostly under 10, which dedup does not read as a count (a count of 3 or 7 says nothing about the event).
        "SMALL" => (random.Next(5) == 0 ? random.Next(10, 60) : random.Next(2, 10)).ToString(CultureInfo.InvariantCulture),
        "YEAR" => random.Next(2026, 2031).ToString(CultureInfo.InvariantCulture),
        "SCORE" => random.Next(0, 5).ToString(CultureInfo.InvariantCulture) + "-" + random.Next(0, 4).ToString(CultureInfo.InvariantCulture),
        "TEMP" => random.Next(-8, 38).ToString(CultureInfo.InvariantCulture) + "C",
        "TEAM_NAME" => Value("CITY", random) + " " + Pick("TEAM", random),
        _ => Pick(name, random),
    };

    private static string Pick(string pool, Random random) =>
        Pools.TryGetValue(pool, out var values)
            ? values[random.Next(values.Length)]
            : throw new KeyNotFoundException($"no slot ${pool}");
}
