using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Monitor.Benchmarks;

/// <summary>
/// The short job of <see cref="FingerprintBenchmarks"/> (3 warm-up and 10 measured iterations), run in this process so
/// that a suite can build its large state (an index of a million signatures, a history of a million articles) once per
/// size and share it between its benchmarks. No forced full collection between iterations: with gigabytes of live
/// state each would take seconds and measure nothing of interest.
/// </summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() =>
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithGcForce(false).WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortInProcess"));
}
