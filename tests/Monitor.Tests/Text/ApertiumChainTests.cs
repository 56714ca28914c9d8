using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class ApertiumChainTests
{
    [Fact]
    public void Escape_escapes_what_the_stream_format_reserves_and_ends_in_a_blank()
    {
        Assert.Equal("a \\[b\\] c\\\\d \\^e\\$ f\\/g \\<h\\> \\@i \\{j\\} k l\n",
            ApertiumChain.Escape("a [b] c\\d ^e$ f/g <h> @i {j} k~l"));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("a [b] c\\d ^e$ f/g <h> @i {j}")]
    public void Unescape_undoes_Escape(string text) =>
        Assert.Equal(text + "\n", ApertiumChain.Unescape(ApertiumChain.Escape(text)));
}
