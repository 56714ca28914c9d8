using System.Diagnostics;

namespace Monitor.Tests.Support;

/// <summary>
/// Debian's chromium, headless: dumps the DOM a page ends with (after its scripts, if any ran) and takes screenshots.
/// A missing browser fails the test that needs it, with what to install: a skipped browser test would prove nothing.
/// </summary>
public static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static void RequireInstalled() =>
        Assert.True(File.Exists(Path), $"{Path} not found: install it with `apt-get install -y chromium` (.ci/run installs it) to run the browser tests");

    /// <summary>The DOM of <paramref name="file"/> once loaded, with a little virtual time for any script or timer to run.</summary>
    public static Task<string> DumpDomAsync(string file) => RunAsync(["--dump-dom", "--virtual-time-budget=3000", new Uri(file).AbsoluteUri]);

    public static Task<string> ScreenshotAsync(string file, string png, int width, int height) =>
        RunAsync([$"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(file).AbsoluteUri]);

    private static async Task<string> RunAsync(IEnumerable<string> args)
    {
        RequireInstalled();
        var profile = Directory.CreateTempSubdirectory("monitor-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile}" }.Concat(args))
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
