namespace SupportShield.Cli.Evaluation;

/// <summary>One line of a span corpus such as <c>pii-spans.dev.jsonl</c>: <c>{"id", "text", "spans": [{"start", "end", "type"}]}</c>.</summary>
public sealed record SpanCorpusLine(string Id, string Text, IReadOnlyList<LabelledSpan> Spans);
