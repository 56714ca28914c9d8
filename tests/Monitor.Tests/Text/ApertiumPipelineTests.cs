using Monitor.Tests.Support;
using Monitor.Text;

namespace Monitor.Tests.Text;

public sealed class ApertiumPipelineTests
{
    [Fact]
    public void NullFlushCommand_adds_z_to_the_apertium_programs_only()
    {
        const string mode = "lt-proc 'a.bin' | cg-proc -w 'b.rlx' | apertium-tagger -g $2 'c.prob' | lt-proc $1 'd.bin'"
            + " | tee log\n";

        Assert.Equal("lt-proc -z 'a.bin' | cg-proc -z -w 'b.rlx' | apertium-tagger -z -g $2 'c.prob'"
            + " | lt-proc -z $1 'd.bin' | tee log", ApertiumPipeline.NullFlushCommand(mode));
    }

    [Fact]
    public void Missing_names_the_program_that_is_not_installed_and_its_package()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-mode-").FullName;
        try
        {
            var mode = Path.Combine(folder, "xx-yy.mode");
            File.WriteAllText(mode, "cat | monitor-no-such-program -x\n");
            using var pipeline = new ApertiumPipeline(mode, "apertium-xx-yy");

            Assert.Equal(
                "apertium xx-yy needs monitor-no-such-program, which is not installed (Debian package apertium)",
                pipeline.Missing());
            Assert.Equal($"apertium-xx-yy not installed: {folder}/zz.mode not found",
                new ApertiumPipeline(Path.Combine(folder, "zz.mode"), "apertium-xx-yy").Missing());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Translate_answers_block_after_block_from_one_process()
    {
        using var apertium = new FakeApertium("spa-eng");
        using var pipeline = new ApertiumPipeline(Path.Combine(apertium.ModesPath, "spa-eng.mode"), "apertium-eng-spa");

        Assert.Equal("uno\n", pipeline.Translate("uno\n", TimeSpan.FromSeconds(10), out var failure));
        Assert.Null(failure);
        Assert.Equal("dos\ny tres\n", pipeline.Translate("dos\ny tres\n", TimeSpan.FromSeconds(10), out _));
        Assert.Single(apertium.Processes);
    }

    [Fact]
    public void Translate_with_real_apertium_flushes_each_block()
    {
        TranslationPackages.RequireApertium("spa-eng");
        var mode = Path.Combine(new TranslationOptions().ApertiumModesPath, "spa-eng.mode");
        using var pipeline = new ApertiumPipeline(mode, "apertium-eng-spa");

        var first = pipeline.Translate(ApertiumChain.Escape("La exportación de chips."), TimeSpan.FromSeconds(30),
            out var failure);
        var second = pipeline.Translate(ApertiumChain.Escape("El gobierno"), TimeSpan.FromSeconds(30), out _);

        Assert.True(first is not null, failure);
        Assert.Contains("export", first, StringComparison.Ordinal);
        Assert.Contains("chips.", first, StringComparison.Ordinal);
        // The last word of a block without a full stop is answered too (the blank before the NUL flushes it).
        Assert.Equal("The government", second?.Trim());
    }

    [Fact]
    public void Translate_after_Dispose_throws()
    {
        using var apertium = new FakeApertium("spa-eng");
        var pipeline = new ApertiumPipeline(Path.Combine(apertium.ModesPath, "spa-eng.mode"), "apertium-eng-spa");
        Assert.NotNull(pipeline.Translate("uno\n", TimeSpan.FromSeconds(10), out _));

        pipeline.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pipeline.Translate("dos\n", TimeSpan.FromSeconds(10), out _));
        Assert.True(FakeApertium.Exited(Assert.Single(apertium.Processes)));
    }
}
