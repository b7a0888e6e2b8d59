using SupportShield.Detection.Engine;

namespace SupportShield.Detection.Corpus;

/// <summary>One corpus line: its id and the analysis request it becomes.</summary>
/// <param name="Id">The caller's id, echoed in results.</param>
/// <param name="Request">The analysis request.</param>
public sealed record CorpusLine(string Id, AnalysisRequest Request);
