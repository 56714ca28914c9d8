using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Text;

namespace Monitor.Benchmarks;

/// <summary>
/// Cost of <see cref="EnglishTranslator.ToEnglish"/> for one article of about 2,000 characters per language, with the
/// cache off (every call translates): apertium through long-lived pipelines (fr, it, pt through Spanish; es) and the
/// dictionary glosses (de, ja, zh). The setup prints the first call (pipeline start or dictionary load, in a new
/// process for each language) and the CPU of warm calls, this process's and the apertium processes' together: most of
/// apertium's work is in its own processes, which BenchmarkDotNet's figures do not see. The texts are written for
/// the benchmark: the same few sentences on export controls, repeated with other figures.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class TranslationBenchmarks
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        ["fr"] = "Le gouvernement a annoncé lundi de nouveaux contrôles à l'exportation des puces avancées vers la Chine. "
            + "Les fabricants devront demander une licence pour chaque livraison de {0} unités ou plus. "
            + "Selon le ministère, la règle vise les semi-conducteurs utilisés dans les centres de données. "
            + "Les entreprises concernées ont critiqué une décision prise sans consultation. ",
        ["it"] = "Il governo ha annunciato lunedì nuovi controlli sulle esportazioni di chip avanzati verso la Cina. "
            + "I produttori dovranno chiedere una licenza per ogni consegna di {0} unità o più. "
            + "Secondo il ministero, la regola riguarda i semiconduttori usati nei centri dati. "
            + "Le aziende interessate hanno criticato una decisione presa senza consultazione. ",
        ["es"] = "El gobierno anunció el lunes nuevos controles a la exportación de chips avanzados hacia China. "
            + "Los fabricantes deberán pedir una licencia para cada entrega de {0} unidades o más. "
            + "Según el ministerio, la regla afecta a los semiconductores usados en los centros de datos. "
            + "Las empresas afectadas criticaron una decisión tomada sin consulta. ",
        ["pt"] = "O governo anunciou na segunda-feira novos controles de exportação de chips avançados para a China. "
            + "Os fabricantes terão de pedir uma licença para cada entrega de {0} unidades ou mais. "
            + "Segundo o ministério, a regra atinge os semicondutores usados nos centros de dados. "
            + "As empresas afetadas criticaram uma decisão tomada sem consulta. ",
        ["de"] = "Die Regierung hat am Montag neue Ausfuhrkontrollen für moderne Chips nach China angekündigt. "
            + "Hersteller müssen für jede Lieferung von {0} Stück oder mehr eine Genehmigung beantragen. "
            + "Nach Angaben des Ministeriums betrifft die Regel Halbleiter für Rechenzentren. "
            + "Die betroffenen Unternehmen kritisierten eine Entscheidung ohne Anhörung. ",
        ["ja"] = "政府は月曜日、中国向けの先端半導体に対する新たな輸出規制を発表した。"
            + "メーカーは{0}個以上の出荷ごとに許可を申請しなければならない。"
            + "省によると、規則はデータセンターで使われる半導体が対象となる。"
            + "対象企業は協議なしの決定を批判した。",
        ["zh"] = "政府周一宣布对向中国出口的先进芯片实施新的出口管制。"
            + "制造商每次交付{0}件以上都必须申请许可证。"
            + "据该部称，这项规定针对数据中心使用的半导体。"
            + "受影响的公司批评这一决定未经协商。",
    };

    private EnglishTranslator _translator = null!;
    private string _text = "";

    [Params("fr", "it", "es", "pt", "de", "ja", "zh")]
    public string Language { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _translator = new EnglishTranslator(Options.Create(new TranslationOptions { CacheEntries = 0 }),
            NullLogger<EnglishTranslator>.Instance);
        _text = Article(Language, 0);
        var (wall, cpu, english) = Measure(() => _translator.ToEnglish(_text, Language));
        if (english is null)
            throw new InvalidOperationException($"{Language}: {_translator.Treatment(Language)}");
        Console.WriteLine($"// {Language} ({_translator.Treatment(Language)}), {_text.Length} characters: first call "
            + $"{wall.TotalMilliseconds:0} ms wall, {cpu.TotalMilliseconds:0} ms CPU; {english.Length} characters of English");
        const int Warm = 20;
        (wall, cpu, _) = Measure(() =>
        {
            for (var i = 1; i <= Warm; i++)
                _translator.ToEnglish(Article(Language, i), Language);
            return "";
        });
        Console.WriteLine($"// {Language} warm: {wall.TotalMilliseconds / Warm:0.0} ms wall, "
            + $"{cpu.TotalMilliseconds / Warm:0.0} ms CPU an article (this process and apertium's); "
            + $"working set {Environment.WorkingSet / 1048576.0:0} MiB; sample: {english[..Math.Min(160, english.Length)]}");
    }

    [GlobalCleanup]
    public void Cleanup() => _translator.Dispose();

    [Benchmark]
    public string? ToEnglish() => _translator.ToEnglish(_text, Language);

    /// <summary>About 2,000 characters of the language's sentences, each repeat with other figures.</summary>
    private static string Article(string language, int variant)
    {
        var sentences = Sentences[language];
        var repeats = (int)Math.Ceiling(2000.0 / sentences.Length);
        return string.Concat(Enumerable.Range(0, repeats).Select(r => string.Format(null, sentences, 100 + 37 * r + variant)));
    }

    private static (TimeSpan Wall, TimeSpan Cpu, string? Result) Measure(Func<string?> run)
    {
        var cpu = TreeCpu();
        var started = Stopwatch.GetTimestamp();
        var result = run();
        return (Stopwatch.GetElapsedTime(started), TreeCpu() - cpu, result);
    }

    /// <summary>CPU time of this process and of its live descendants (the apertium pipelines), from /proc.</summary>
    private static TimeSpan TreeCpu()
    {
        var self = Environment.ProcessId;
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                stats[pid] = (int.Parse(fields[1], null), long.Parse(fields[11], null) + long.Parse(fields[12], null));
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
        long ticks = 0;
        foreach (var (pid, (_, own)) in stats)
        {
            for (var p = pid; p > 1 && stats.TryGetValue(p, out var stat); p = stat.Parent)
                if (p == self)
                {
                    ticks += own;
                    break;
                }
        }
        // The kernel's clock ticks, 100 a second on Linux.
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
