using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class TranslationCacheTests
{
    [Fact]
    public void The_least_recently_used_goes_first()
    {
        var cache = new TranslationCache(2);
        cache.Add("fr", TranslationCache.Hash("un"), "one");
        cache.Add("fr", TranslationCache.Hash("deux"), "two");
        Assert.True(cache.TryGet("fr", TranslationCache.Hash("un"), out _));

        cache.Add("fr", TranslationCache.Hash("trois"), "three");

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("fr", TranslationCache.Hash("un"), out var one));
        Assert.Equal("one", one);
        Assert.False(cache.TryGet("fr", TranslationCache.Hash("deux"), out _));
        Assert.True(cache.TryGet("fr", TranslationCache.Hash("trois"), out _));
    }

    [Fact]
    public void Languages_are_kept_apart_and_zero_capacity_keeps_nothing()
    {
        var cache = new TranslationCache(10);
        cache.Add("es", TranslationCache.Hash("chip"), "chip");
        Assert.False(cache.TryGet("it", TranslationCache.Hash("chip"), out _));

        var none = new TranslationCache(0);
        none.Add("es", TranslationCache.Hash("chip"), "chip");
        Assert.False(none.TryGet("es", TranslationCache.Hash("chip"), out _));
    }
}
