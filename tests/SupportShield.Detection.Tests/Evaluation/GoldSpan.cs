namespace SupportShield.Detection.Tests.Evaluation;

/// <summary>A labelled span of a corpus line.</summary>
public sealed record GoldSpan(int Start, int End, string Type);
