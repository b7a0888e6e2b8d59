using SupportShield.Detection.Engine;

namespace SupportShield.Cli.Scanning;

/// <summary>One input line of <c>supportshield scan</c>: its id and the request it becomes.</summary>
/// <param name="Id">The caller's id, echoed in the output.</param>
/// <param name="Request">The analysis request.</param>
public sealed record ScanMessage(string Id, AnalysisRequest Request);
