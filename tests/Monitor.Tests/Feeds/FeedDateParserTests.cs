using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

public sealed class FeedDateParserTests
{
    [Theory]
    [InlineData("Mon, 23 Nov 2026 10:00:00 GMT", "2026-11-23T10:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 +0100", "2026-11-23T09:00:00Z")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 EST", "2026-11-23T15:00:00Z")]
    [InlineData("23 Nov 2026 10:00 PDT", "2026-11-23T17:00:00Z")]
    [InlineData("Mon, 23 Nov 26 10:00:00 CEST", "2026-11-23T08:00:00Z")]
    [InlineData("Monday, 23 November 2026 10:00:00 +00:00", "2026-11-23T10:00:00Z")]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z")]
    [InlineData("2026-11-23T10:00:00.123+02:00", "2026-11-23T08:00:00.123Z")]
    [InlineData("2026-11-23", "2026-11-23T00:00:00Z")]
    public void Parse_KnownFormats_GivesUtc(string input, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDateParser.Parse(input));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("32 Nov 2026 10:00:00 GMT")]
    [InlineData("Mon, 23 Foo 2026 10:00:00 GMT")]
    [InlineData("Fri, 31 Dec 9999 23:00:00 EST")]
    [InlineData("Mon, 23 Nov 2026 10:00:00 +9900")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_Unparseable_IsUnknownNotAnError(string? input) => Assert.Null(FeedDateParser.Parse(input));
}
