using MimeKit;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary><c>monitor demo</c> on a machine with no configuration: the real program, offline, in an empty folder.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_writes_a_digest_and_reports_what_was_kept_and_dropped()
    {
        var empty = Directory.CreateTempSubdirectory("monitor-demo-test-").FullName;
        try
        {
            var result = await MonitorProcess.RunAsync(["demo"], new Dictionary<string, string> { ["MONITOR_Smtp__Host"] = "must-be-ignored.invalid" }, empty);

            Assert.True(result.ExitCode == 0, result.AllOutput);
            Assert.Contains("Feeds: 3 polled, 1 failed", result.StandardOutput);
            Assert.Contains("broken.rss.xml", result.StandardOutput);
            Assert.Matches(@"duplicate\s+-\s+asia-tech\.atom\.xml\s+Bank of China.*duplicate of seed 001_8240679369d577f5\.txt", result.StandardOutput);
            Assert.Matches(@"not relevant\s+\d+\s+policy-wire\.rss\.xml\s+Argentina lifts soybean export quotas", result.StandardOutput);

            var eml = Assert.Single(result.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("EML:", StringComparison.Ordinal)).Split("EML:")[1].Trim();
            var html = Assert.Single(result.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("HTML:", StringComparison.Ordinal)).Split("HTML:")[1].Trim();
            var message = await MimeMessage.LoadAsync(eml);
            Assert.Contains("Nvidia H20", message.HtmlBody);
            Assert.DoesNotContain("Bank of China", message.HtmlBody);
            Assert.DoesNotContain("soybean", message.HtmlBody);
            // A feed broken for a few seconds is in the run's summary, not in the digest: that waits a day.
            Assert.DoesNotContain("Feeds with problems", await File.ReadAllTextAsync(html));
            Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(eml)))!, recursive: true);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
