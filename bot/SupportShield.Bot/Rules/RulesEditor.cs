using System.Text;
using SupportShield.Detection.Rules;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Rules;

/// <summary>
/// Validates and saves rules texts for the ops console. A save validates first and writes nothing on errors; a valid text
/// is written atomically (a temporary file in the same folder, then a rename) to <see cref="RulesProvider.SavePath"/>, put in
/// force at once (the file watcher would pick it up too), and audited with the actor and the text's hash, never its text.
/// </summary>
public sealed partial class RulesEditor : IDisposable
{
    /// <summary>Largest rules text accepted, in UTF-8 bytes.</summary>
    public const int MaxRulesBytes = 512 * 1024;

    /// <summary>The source name of a rules text under test.</summary>
    public const string CandidateSourceName = "candidate";

    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly RulesProvider _rules;
    private readonly IAuditLog _audit;
    private readonly AuditRecordFactory _records;
    private readonly ILogger<RulesEditor> _logger;

    public RulesEditor(RulesProvider rules, IAuditLog audit, AuditRecordFactory records, ILogger<RulesEditor> logger)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Parses and validates <paramref name="yaml"/> with the same loader as the host and the command line.</summary>
    public static RulesLoadResult Validate(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return RulesLoader.Load(yaml, CandidateSourceName);
    }

    /// <summary>
    /// Validates <paramref name="yaml"/> and, when valid, writes it to the rules file and puts it in force. <paramref name="actor"/>
    /// (who saved it, for example <c>ops-key-1A2B…</c>) goes into the audit record.
    /// </summary>
    /// <exception cref="InvalidOperationException">No file can be written (no configured file and no data folder).</exception>
    public async Task<RulesSaveResult> SaveAsync(string yaml, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var validated = Validate(yaml);
        if (!validated.Succeeded)
        {
            return new RulesSaveResult(validated.Errors, null, null, _rules.Status);
        }

        var path = _rules.SavePath ?? throw new InvalidOperationException(
            "There is no rules file to write: set SupportShield:Rules:File or SupportShield:Rules:SaveFile.");
        var hash = RulesText.Sha256(yaml);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = _rules.Status.Sha256;
            await WriteAtomicallyAsync(path, yaml, cancellationToken).ConfigureAwait(false);
            var errors = _rules.FilePath is null ? _rules.SwitchTo(path) : [];
            if (errors.Count == 0)
            {
                _rules.Reload();
            }

            if (errors.Count > 0 || _rules.Status.Sha256 != hash)
            {
                // Validated above with the same loader, so only a concurrent edit of the file by hand gets here.
                return new RulesSaveResult(errors.Count > 0 ? errors : _rules.Status.LastErrors, null, null, _rules.Status);
            }

            await _audit.AppendAsync(
                _records.ForEvent("ops", "rules", "rules.changed", ["rules.sha256:" + hash, "rules.previous-sha256:" + previous]) with { Actor = actor },
                cancellationToken).ConfigureAwait(false);
            LogSaved(_logger, path, actor, hash);
            return new RulesSaveResult([], path, hash, _rules.Status);
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose() => _writes.Dispose();

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules saved to {Path} by {Actor} from the ops console (sha256 {Sha256})")]
    private static partial void LogSaved(ILogger logger, string path, string actor, string sha256);
}
