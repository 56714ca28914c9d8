using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Monitor.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
