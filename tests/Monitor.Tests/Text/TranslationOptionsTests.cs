using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class TranslationOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new TranslationOptions().Validate());

    [Fact]
    public void Validate_names_each_bad_key()
    {
        var options = new TranslationOptions
        {
            TimeoutMilliseconds = 0, MaxCharacters = 10, CacheEntries = -1, DictdPath = " ",
        };

        var problems = options.Validate().ToList();

        Assert.Equal(["TimeoutMilliseconds", "MaxCharacters", "CacheEntries", "DictdPath"],
            problems.Select(p => p.Key));
        Assert.Equal("must be between 1 and 600000 (got 0)", problems[0].Message);
    }
}
