using Monitor.Feeds;
using Monitor.Tests.Support;

namespace Monitor.Tests.Feeds;

public sealed class FeedListWriterTests : IDisposable
{
    private readonly TempConfig _config = new();

    public void Dispose() => _config.Dispose();

    private IReadOnlyList<FeedDefinition> AppendAndLoad(string yaml, string? name)
    {
        _config.Write("feeds.yaml", FeedListWriter.Append(yaml, [(new Uri("https://example.org/new.xml"), name, "fr")]));
        return new FeedListLoader().Load(_config.PathOf("feeds.yaml"), TimeSpan.FromMinutes(30));
    }

    [Theory]
    [InlineData("feeds:\n- url: https://example.org/a.xml\n")]
    [InlineData("feeds:\n    - url: https://example.org/a.xml\n      name: A\n")]
    [InlineData("feeds:\n  - url: https://example.org/a.xml")]
    public void Append_FollowsTheFilesIndentation(string yaml)
    {
        var feeds = AppendAndLoad(yaml, "New");

        Assert.Equal(["https://example.org/a.xml", "https://example.org/new.xml"], feeds.Select(f => f.Url.AbsoluteUri));
    }

    [Theory]
    [InlineData("feeds: []\n")]
    [InlineData("feeds: []  # none yet\n")]
    public void Append_ToAnEmptyFlowList(string yaml) =>
        Assert.Equal("https://example.org/new.xml", Assert.Single(AppendAndLoad(yaml, null)).Url.AbsoluteUri);

    [Theory]
    [InlineData("Line\u2028separator")]
    [InlineData("Next\u0085line")]
    [InlineData("Tab\tand \"quotes\" and \\ backslash: # not a comment")]
    public void Append_NamesWithAnyCharacterRoundTrip(string name) =>
        Assert.Equal(name, AppendAndLoad("feeds: []\n", name).Single().Name);
}
