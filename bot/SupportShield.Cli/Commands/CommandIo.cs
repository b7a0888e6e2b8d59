namespace SupportShield.Cli.Commands;

/// <summary>The streams a command reads and writes.</summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output (results).</param>
/// <param name="Error">Standard error (diagnostics).</param>
/// <param name="FlushEachLine">Flush the output after each result line, for a person typing lines at a terminal.</param>
public sealed record CommandIo(TextReader In, TextWriter Out, TextWriter Error, bool FlushEachLine = false);
