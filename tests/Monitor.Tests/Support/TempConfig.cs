using Monitor.Cli;

namespace Monitor.Tests.Support;

/// <summary>A throw-away config folder and data folder for one test, removed afterwards.</summary>
public sealed class TempConfig : IDisposable
{
    public const string DefaultWatchlists = """
        watchlists:
          - name: chips
            title: Chips and export controls
            threshold: 4
            terms:
              - term: export controls
                weight: 3
                synonyms: ["export restrictions", "contrôles à l'exportation"]
              - term: Nvidia
                weight: 2
              - term: EUV
                weight: 3
                synonyms: ["extreme ultraviolet", "ultraviolets extrêmes"]
              - term: ASML
                weight: 2
              - term: SMIC
                weight: 2
              - term: chips
                weight: 1
                synonyms: [puces, semiconductors]
        """;

    public TempConfig()
    {
        Root = Directory.CreateTempSubdirectory("monitor-test-").FullName;
        Directory.CreateDirectory(ConfigFolder);
        Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "analyst@example.org" } ] } }""");
        Write("feeds.yaml", "feeds: []\n");
        Write("watchlists.yaml", DefaultWatchlists);
    }

    public string Root { get; }

    public string ConfigFolder => Path.Combine(Root, "config");

    public string DataFolder => Path.Combine(Root, "data");

    public MonitorPaths Paths => new(ConfigFolder, DataFolder);

    /// <summary>A monitor command line on this config and data folder: <c>Args("feeds", "list")</c>.</summary>
    public string[] Args(params string[] verb) => [.. verb, "--config", ConfigFolder, "--data", DataFolder];

    public string PathOf(string file) => Path.Combine(ConfigFolder, file);

    public TempConfig Write(string file, string content)
    {
        File.WriteAllText(PathOf(file), content);
        return this;
    }

    public TempConfig Feeds(params Uri[] urls) =>
        Write("feeds.yaml", "feeds:\n" + string.Concat(urls.Select(u => $"  - url: {u}\n")));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
