// Benchmarks of the detection engine over the dev corpus messages (tests/SupportShield.Detection.Tests/Corpora/pii-spans.dev.jsonl).
//
// Run from the repository root, in Release:
//   dotnet run -c Release --project bench/SupportShield.Benchmarks -- --filter '*'
// A quicker, less precise run:
//   dotnet run -c Release --project bench/SupportShield.Benchmarks -- --filter '*' --job short
// Results (tables, CSV, HTML) go to BenchmarkDotNet.Artifacts/ in the working directory.
// For a single-thread throughput figure with p50/p99 latency, see also: supportshield bench --corpus FILE.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SupportShield.Benchmarks.AnalyzeBenchmarks).Assembly).Run(args);
