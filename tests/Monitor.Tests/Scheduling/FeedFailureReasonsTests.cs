using Monitor.Feeds;
using Monitor.Scheduling;

namespace Monitor.Tests.Scheduling;

public sealed class FeedFailureReasonsTests
{
    [Theory]
    [InlineData(FetchFailure.Timeout, "timeout")]
    [InlineData(FetchFailure.HttpClientError, "http_4xx")]
    [InlineData(FetchFailure.HttpServerError, "http_5xx")]
    [InlineData(FetchFailure.TooLarge, "too_large")]
    [InlineData(FetchFailure.Tls, "tls")]
    [InlineData(FetchFailure.Dns, "dns")]
    [InlineData(FetchFailure.Other, "other")]
    public void From_EachFetchFailure_IsOneOfTheLabels(FetchFailure failure, string reason)
    {
        Assert.Equal(reason, FeedFailureReasons.From(failure));
        Assert.Contains(reason, FeedFailureReasons.All);
    }

    [Fact]
    public void From_NoKind_IsOther() => Assert.Equal(FeedFailureReasons.Other, FeedFailureReasons.From(null));
}
