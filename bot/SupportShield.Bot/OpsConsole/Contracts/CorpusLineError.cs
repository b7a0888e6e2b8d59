namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>A corpus line that could not be read.</summary>
/// <param name="Line">Its line number, from 1.</param>
/// <param name="Message">What is wrong (never the line's content).</param>
public sealed record CorpusLineError(int Line, string Message);
