using System.Diagnostics;

namespace Monitor.Tests.Support;

/// <summary>
/// A folder of apertium mode files that all run one bash script instead of apertium's programs: it answers each
/// NUL-terminated block with the block itself, counts the blocks it was asked, and never answers a block containing
/// "sleep" (it sleeps a minute), so that a test can make the translator time out.
/// </summary>
public sealed class FakeApertium : IDisposable
{
    private const string Script = """
        #!/bin/bash
        echo $$ >> "$1.pids"
        while IFS= read -r -d '' block; do
          printf x >> "$1"
          case "$block" in *sleep*) sleep 60 ;; esac
          printf '%s\0' "$block"
        done
        """;

    public FakeApertium(params string[] modes)
    {
        ModesPath = Directory.CreateTempSubdirectory("monitor-apertium-").FullName;
        var script = Path.Combine(ModesPath, "echo.sh");
        File.WriteAllText(script, Script.ReplaceLineEndings("\n") + "\n");
        foreach (var mode in modes)
            File.WriteAllText(Path.Combine(ModesPath, mode + ".mode"), $"bash '{script}' '{CallsFile}'\n");
    }

    public string ModesPath { get; }

    /// <summary>Blocks asked so far, by every pipeline together.</summary>
    public int Calls => File.Exists(CallsFile) ? File.ReadAllText(CallsFile).Length : 0;

    /// <summary>The script's processes started so far, one per pipeline start.</summary>
    public IReadOnlyList<int> Processes => File.Exists(CallsFile + ".pids")
        ? [.. File.ReadAllLines(CallsFile + ".pids").Select(int.Parse)]
        : [];

    private string CallsFile => Path.Combine(ModesPath, "calls");

    /// <summary>Whether process <paramref name="pid"/> is gone, waiting up to 10 s for it to go.</summary>
    public static bool Exited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        foreach (var pid in Processes)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Gone already, as it should be.
            }
        }
        Directory.Delete(ModesPath, recursive: true);
    }
}
