using Monitor.Cli;
using Monitor.Configuration;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

public sealed class ConfigurationCheckTests : IDisposable
{
    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    private IReadOnlyList<ConfigProblem> Problems()
    {
        var ex = Assert.Throws<ConfigurationException>(() => MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false));
        return ex.Problems;
    }

    [Fact]
    public void Check_ShippedDefaultConfig_IsValid()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "defaults", "config");
        var config = MonitorCli.NewCheck().Check(new MonitorPaths(shipped, _config.DataFolder), includeEnvironment: false);

        Assert.NotEmpty(config.Feeds.Feeds);
        Assert.True(config.Watchlists.Watchlists.Count >= 5);
        Assert.Single(config.Digest.Recipients);
    }

    [Fact]
    public void Check_UnknownKey_NamesFileAndKey()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "Hots": "mail.example.org" } }""");

        var problem = Assert.Single(Problems());

        Assert.EndsWith("appsettings.json", problem.Source);
        Assert.Equal("Smtp:Hots", problem.Key);
        Assert.Contains("unknown key", problem.Message);
        Assert.Contains("Host", problem.Message);
    }

    [Fact]
    public void Check_UnknownSection_IsReported()
    {
        _config.Write("appsettings.json", """{ "Smpt": { "Host": "mail.example.org" } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Smpt:Host", problem.Key);
        Assert.Contains("known sections", problem.Message);
    }

    [Fact]
    public void Check_Translation_IsBoundAndValidated()
    {
        _config.Write("appsettings.json", """{ "Translation": { "Enabled": true, "TimeoutMilliseconds": 0 } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Translation:TimeoutMilliseconds", problem.Key);
        Assert.Contains("between 1 and 600000", problem.Message);
    }

    [Fact]
    public void Check_WrongType_SaysWhatWasExpected()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "Port": "twenty-five" } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Smtp:Port", problem.Key);
        Assert.Equal("must be a whole number (got 'twenty-five')", problem.Message);
    }

    [Fact]
    public void Check_UnknownSecurityMode_ListsTheModes()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "Security": "Auto" } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Smtp:Security", problem.Key);
        Assert.Contains("None, StartTls, SslOnConnect", problem.Message);
    }

    [Fact]
    public void Check_PortOutOfRange_IsRejected()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "Port": 0 } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Smtp:Port", problem.Key);
        Assert.Equal("must be 1-65535 (got 0)", problem.Message);
    }

    [Fact]
    public void Check_BadJson_GivesTheLine()
    {
        _config.Write("appsettings.json", "{\n  \"Smtp\": {\n    \"Port\": 25,,\n  }\n}");

        var problem = Assert.Single(Problems());

        Assert.EndsWith("appsettings.json", problem.Source);
        Assert.Equal(3, problem.Line);
        Assert.Contains("invalid JSON", problem.Message);
    }

    [Fact]
    public void Check_UnknownTimeZone_NamesTheRecipientKey()
    {
        _config.Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "a@example.org", "TimeZone": "Mars/Olympus_Mons" } ] } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Digest:Recipients:0:TimeZone", problem.Key);
        Assert.Contains("unknown time zone 'Mars/Olympus_Mons'", problem.Message);
    }

    [Fact]
    public void Check_BadDigestTimeAndAddress_AreBothReported()
    {
        _config.Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "not an address", "DigestTime": "25:00" } ] } }""");

        var problems = Problems();

        Assert.Contains(problems, p => p.Key == "Digest:Recipients:0:Address");
        Assert.Contains(problems, p => p.Key == "Digest:Recipients:0:DigestTime" && p.Message.Contains("HH:mm"));
    }

    [Fact]
    public void Check_BadDigestSchedules_NameEachKey()
    {
        _config.Write("appsettings.json", """
            { "Digest": { "Recipients": [
                { "Address": "a@example.org", "DigestTime": "07:00, 1pm", "DigestDays": ["Monday", "Mondy", "monday"] },
                { "Address": "b@example.org", "DigestTime": "07:00,07:00" },
                { "Address": "c@example.org", "DigestTime": "" } ] } }
            """);

        var problems = Problems();

        Assert.Contains(problems, p => p.Key == "Digest:Recipients:0:DigestTime" && p.Message.Contains("several separated by commas such as 07:00, 13:00 (got '07:00, 1pm')"));
        Assert.Contains(problems, p => p.Key == "Digest:Recipients:0:DigestDays:1" && p.Message.Contains("must be a day of the week: Monday") && p.Message.Contains("(got 'Mondy')"));
        Assert.Contains(problems, p => p.Key == "Digest:Recipients:0:DigestDays:2" && p.Message.Contains("'monday' is listed twice"));
        Assert.Contains(problems, p => p.Key == "Digest:Recipients:1:DigestTime" && p.Message.Contains("lists the same time twice"));
        Assert.Contains(problems, p => p.Key == "Digest:Recipients:2:DigestTime");
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void Check_SeveralDigestTimesAndWeeklyDays_AreValid()
    {
        _config.Write("appsettings.json", """
            { "Digest": { "Recipients": [
                { "Address": "a@example.org", "DigestTime": "07:00, 13:00,19:00" },
                { "Address": "b@example.org", "DigestTime": "08:30", "DigestDays": ["Monday", "friday"] } ] } }
            """);

        var config = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false);

        Assert.Equal([new TimeOnly(7, 0), new TimeOnly(13, 0), new TimeOnly(19, 0)], config.Digest.Recipients[0].DigestTimesValue);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday], config.Digest.Recipients[1].DigestDaysValue);
    }

    [Fact]
    public void Check_BadRetryDelay_NamesTheKey()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "RetryFirstDelay": "5m", "RetryMaxDelay": "1m" } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Smtp:RetryMaxDelay", problem.Key);
        Assert.Contains("must be a duration from RetryFirstDelay (5m) to 1d", problem.Message);
    }

    [Fact]
    public void Check_PasswordInConfigFile_IsRejected()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "User": "u", "Password": "hunter2" } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Smtp:Password", problem.Key);
        Assert.Contains("MONITOR_Smtp__Password", problem.Message);
        Assert.DoesNotContain("hunter2", problem.ToString());
    }

    [Fact]
    public void Check_RecipientWatchlistThatDoesNotExist_IsRejected()
    {
        _config.Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "a@example.org", "Watchlists": ["chips", "soybeans"] } ] } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Digest:Recipients:0:Watchlists:1", problem.Key);
        Assert.Contains("unknown watchlist 'soybeans'", problem.Message);
        Assert.Contains("chips", problem.Message);
    }

    [Fact]
    public void Check_BadYaml_GivesFileAndLine()
    {
        _config.Write("watchlists.yaml", "watchlists:\n  - name: chips\n    threshold: 4\n    terms: [Nvidia\n  - name: other\n");

        var problem = Assert.Single(Problems());

        Assert.EndsWith("watchlists.yaml", problem.Source);
        Assert.NotNull(problem.Line);
        Assert.Contains("invalid YAML", problem.Message);
    }

    [Fact]
    public void Check_EmptyTerm_GivesLineAndKey()
    {
        _config.Write("watchlists.yaml", "watchlists:\n  - name: chips\n    threshold: 4\n    terms:\n      - term: Nvidia\n      - term: \"\"\n");

        var problem = Assert.Single(Problems());

        Assert.Equal(6, problem.Line);
        Assert.Equal("watchlists[0].terms[1].term", problem.Key);
        Assert.Equal("is empty", problem.Message);
    }

    [Fact]
    public void Check_BadFeedUrl_GivesLineAndKey()
    {
        _config.Write("feeds.yaml", "feeds:\n  - url: https://example.org/rss\n  - url: ftp://example.org/feed.xml\n");

        var problem = Assert.Single(Problems());

        Assert.EndsWith("feeds.yaml", problem.Source);
        Assert.Equal(3, problem.Line);
        Assert.Equal("feeds[1].url", problem.Key);
        Assert.Contains("absolute http or https URL", problem.Message);
    }

    [Fact]
    public void Check_SeveralProblemsInSeveralFiles_AreAllReported()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "Port": "x" }, "Feeds": { "DefaultInterval": "often" } }""")
            .Write("feeds.yaml", "feeds:\n  - url: nope\n    colour: blue\n")
            .Write("watchlists.yaml", "watchlists:\n  - name: chips\n    terms:\n      - term: Nvidia\n        weight: -1\n");

        var problems = Problems();

        Assert.Contains(problems, p => p.Key == "Smtp:Port");
        Assert.Contains(problems, p => p.Key == "feeds[0].colour" && p.Message.Contains("unknown key"));
        Assert.Contains(problems, p => p.Key == "feeds[0].url");
        Assert.Contains(problems, p => p.Key == "watchlists[0].threshold" && p.Message == "is required");
        Assert.Contains(problems, p => p.Key == "watchlists[0].terms[0].weight" && p.Message.Contains("greater than 0"));
    }

    [Theory]
    [InlineData("99999999999m")]
    [InlineData("3000000d")]
    [InlineData("8d")]
    [InlineData("30s")]
    public void Check_FeedIntervalOutOfRange_IsRejectedNotACrash(string interval)
    {
        _config.Write("feeds.yaml", $"feeds:\n  - url: https://example.org/rss\n    interval: {interval}\n");

        var problem = Assert.Single(Problems());

        Assert.Equal("feeds[0].interval", problem.Key);
        Assert.Contains("from 1m to 7d", problem.Message);
    }

    [Fact]
    public void Check_DefaultIntervalOverflow_IsRejectedNotACrash()
    {
        _config.Write("appsettings.json", """{ "Feeds": { "DefaultInterval": "20000000d" } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Feeds:DefaultInterval", problem.Key);
    }

    [Fact]
    public void Check_FeedUrlWithCredentials_IsRejected()
    {
        _config.Write("feeds.yaml", "feeds:\n  - url: https://user:secret@example.org/rss\n");

        var problem = Assert.Single(Problems());

        Assert.Equal("feeds[0].url", problem.Key);
        Assert.Contains("user name or password", problem.Message);
        Assert.DoesNotContain("secret", problem.ToString());
    }

    [Theory]
    [InlineData(" analyst@example.org")]
    [InlineData("Analyst <analyst@example.org>")]
    [InlineData("analyst@")]
    public void Check_RecipientAddressThatIsNotBare_IsRejected(string address)
    {
        _config.Write("appsettings.json", $$"""{ "Digest": { "Recipients": [ { "Address": "{{address}}" } ] } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Digest:Recipients:0:Address", problem.Key);
    }

    [Fact]
    public void Check_SameRecipientTwiceInAnotherCase_IsRejected()
    {
        _config.Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "a@example.org" }, { "Address": "A@Example.org" } ] } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Digest:Recipients:1:Address", problem.Key);
        Assert.Contains("listed twice", problem.Message);
    }

    [Fact]
    public void Check_BadMessageIdDomain_IsRejected()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "MessageIdDomain": "bad domain" } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Smtp:MessageIdDomain", problem.Key);
    }

    [Fact]
    public void Check_TypeErrorInOneSection_DoesNotHideValueErrorsInOthers()
    {
        _config.Write("appsettings.json", """{ "Smtp": { "Port": "abc" }, "Feeds": { "DefaultInterval": "0m" }, "Digest": { "Recipients": [ { "Address": "a@example.org", "TimeZone": "Nowhere/City" } ] } }""");

        var problems = Problems();

        Assert.Contains(problems, p => p.Key == "Smtp:Port");
        Assert.Contains(problems, p => p.Key == "Feeds:DefaultInterval");
        Assert.Contains(problems, p => p.Key == "Digest:Recipients:0:TimeZone");
    }

    [Fact]
    public void Check_MissingConfigFolder_SaysHowToSetIt()
    {
        var paths = new MonitorPaths(Path.Combine(_config.Root, "nowhere"), _config.DataFolder);

        var ex = Assert.Throws<ConfigurationException>(() => MonitorCli.NewCheck().Check(paths, includeEnvironment: false));

        Assert.Contains("--config", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Check_RecipientLanguageAndThresholds_AreValidated()
    {
        _config.Write("appsettings.json", """
            { "Digest": { "Recipients": [ { "Address": "analyst@example.org", "Language": "de", "Thresholds": { "chips": 0 } } ] } }
            """);

        var problems = Problems();

        Assert.Contains(problems, p => p.Key == "Digest:Recipients:0:Language" && p.Message.Contains("en, fr", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Key == "Digest:Recipients:0:Thresholds:chips" && p.Message.Contains("above 0", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.EndsWith("appsettings.json", p.Source));
    }

    [Fact]
    public void Check_ThresholdNotANumber_NamesTheKey()
    {
        _config.Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "analyst@example.org", "Thresholds": { "chips": "six" } } ] } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Digest:Recipients:0:Thresholds:chips", problem.Key);
        Assert.Equal("must be a number (got 'six')", problem.Message);
    }

    [Fact]
    public void Check_ThresholdsNamingAnUnknownWatchlist_IsAProblem()
    {
        _config.Write("appsettings.json", """
            { "Digest": { "Recipients": [ { "Address": "analyst@example.org", "Language": "fr", "Thresholds": { "chips": 6, "ai-chipz": 6 } } ] } }
            """);

        var problem = Assert.Single(Problems());

        Assert.Equal("Digest:Recipients:0:Thresholds:ai-chipz", problem.Key);
        Assert.Contains("unknown watchlist 'ai-chipz' (watchlists.yaml defines: chips)", problem.Message);
    }

    [Fact]
    public void Check_NonPositiveThreshold_IsAProblem()
    {
        _config.Write("appsettings.json", """{ "Digest": { "Recipients": [ { "Address": "analyst@example.org", "Thresholds": { "chips": -1 } } ] } }""");

        var problem = Assert.Single(Problems());

        Assert.Equal("Digest:Recipients:0:Thresholds:chips", problem.Key);
    }

    [Fact]
    public void Check_ValidLanguageThresholdsAndOptions_Pass()
    {
        _config.Write("appsettings.json", """
            { "Smtp": { "ListUnsubscribe": "https://example.org/unsubscribe" },
              "Digest": { "RemoteImages": true, "Recipients": [ { "Address": "analyst@example.org", "Language": "fr", "Thresholds": { "Chips": 6 } } ] } }
            """);

        var config = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false);

        Assert.Equal("fr", config.Digest.Recipients[0].Language);
        Assert.Equal(6, config.Digest.Recipients[0].ThresholdFor("chips"));
        Assert.True(config.Digest.RemoteImages);
        Assert.Empty(config.TemplateProblems);
    }

    [Fact]
    public void Check_InvalidTemplate_IsReportedButNotFatalForTheWorker()
    {
        Directory.CreateDirectory(_config.Paths.TemplatesFolder);
        File.WriteAllText(Path.Combine(_config.Paths.TemplatesFolder, "digest.txt.liquid"), "{{ labels.title }}\n{% if item_count > 0 %}\n");

        var config = MonitorCli.NewCheck().Check(_config.Paths, includeEnvironment: false);

        var problem = Assert.Single(config.TemplateProblems);
        Assert.EndsWith("digest.txt.liquid", problem.Source);
        Assert.Equal(2, problem.Line);
    }
}
