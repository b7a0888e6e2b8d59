using Microsoft.Extensions.Options;
using SupportShield.Detection;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Rules;

namespace SupportShield.Bot.Rules;

/// <summary>
/// Holds the detection and policy rules in force. Loads <c>SupportShield:Rules:File</c> (or the bundled default) when
/// built, and a broken file then stops start-up. Afterwards it watches the file (change notifications, plus polling of
/// the last-write time where notifications do not arrive) and swaps in each valid edit; an invalid edit is logged and
/// shown in <see cref="Status"/> while the last good rules stay in force. Without a configured file, rules saved from the ops
/// console (<see cref="SavePath"/>) are used when they exist, and <see cref="SwitchTo"/> moves from the bundled default to them.
/// </summary>
public sealed partial class RulesProvider : IDetectionEngineSource, IDisposable
{
    private readonly Lock _gate = new();
    private readonly string? _savePath;
    private volatile string? _path;
    private readonly RulesOptions _options;
    private readonly ICustomerIntentClassifier _intents;
    private readonly ILogger<RulesProvider> _logger;
    private readonly TimeProvider _time;
    private readonly PolicyEvaluator _policy;
    private FileSystemWatcher? _watcher;
    private ITimer? _poll;
    private ITimer? _debounce;
    private volatile Snapshot _current;
    private volatile RulesStatus _status;
    private (DateTime WrittenAt, long Length) _stamp;
    private string? _loadedText;
    private volatile string _textInForce;
    private bool _disposed;

    /// <param name="options">Where the rules come from.</param>
    /// <param name="intents">The customer intent classifier of the engines built.</param>
    /// <param name="logger">Logs loads and rejected edits (sources, counts and error positions; never rule text).</param>
    /// <param name="time">The clock.</param>
    /// <param name="savedFile">Where the ops console saves rules when no file is configured; used at start when it exists.</param>
    public RulesProvider(IOptions<RulesOptions> options, ICustomerIntentClassifier intents, ILogger<RulesProvider> logger, TimeProvider time, string? savedFile = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _intents = intents ?? throw new ArgumentNullException(nameof(intents));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _policy = new PolicyEvaluator(() => Current.PolicyTable);

        var configured = string.IsNullOrWhiteSpace(_options.File) ? null : Path.GetFullPath(_options.File);
        _savePath = configured ?? (string.IsNullOrWhiteSpace(savedFile) ? null : Path.GetFullPath(savedFile));
        var path = configured ?? (_savePath is not null && File.Exists(_savePath) ? _savePath : null);
        if (path is null)
        {
            _textInForce = RulesLoader.DefaultYaml;
            _current = Compile(RulesLoader.LoadDefault());
            _status = new RulesStatus(RulesLoader.DefaultSourceName, _time.GetUtcNow(), Watching: false, []) { Sha256 = RulesText.Sha256(_textInForce) };
            LogLoaded(_logger, RulesLoader.DefaultSourceName, _current.Rules.PolicyTable.Rules.Count, 0, 0);
            return;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The rules file {path} (SupportShield:Rules:File) does not exist.", path);
        }

        var stamp = Stamp(path);
        var text = File.ReadAllText(path);
        var result = RulesLoader.Load(text, path);
        if (!result.Succeeded)
        {
            throw new InvalidDataException(result.Describe());
        }

        _current = Compile(result.Rules);
        _textInForce = text;
        _status = StartWatching(path, stamp, text, result.Rules);
    }

    /// <summary>
    /// The file the ops console writes: the configured file, or the saved-rules file of the data folder when none is
    /// configured; null when neither is known (the console cannot save then).
    /// </summary>
    public string? SavePath => _savePath;

    /// <summary>The file the rules in force were read from, or null for the bundled default.</summary>
    public string? FilePath => _path;

    /// <summary>The text of the rules in force (the bundled default's text when no file is used).</summary>
    public string TextInForce => _textInForce;

    /// <summary>
    /// Moves from the bundled default to the rules file at <paramref name="path"/> and watches it from now on. Returns the
    /// problems of that file (nothing changes then), or an empty list when its rules took effect.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rules already come from a file (use <see cref="Reload"/>).</exception>
    public IReadOnlyList<RulesError> SwitchTo(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_path is not null)
            {
                throw new InvalidOperationException($"The rules already come from {_path}; reload it instead.");
            }

            var stamp = Stamp(full);
            var text = File.ReadAllText(full);
            var result = RulesLoader.Load(text, full);
            if (!result.Succeeded)
            {
                return result.Errors;
            }

            _current = Compile(result.Rules);
            _textInForce = text;
            _status = StartWatching(full, stamp, text, result.Rules);
            return [];
        }
    }

    private RulesStatus StartWatching(string path, (DateTime, long) stamp, string text, CompiledRules rules)
    {
        _path = path;
        _stamp = stamp;
        _loadedText = text;
        _watcher = _options.UseChangeNotifications ? Watch(path) : null;
        LogLoaded(_logger, path, rules.PolicyTable.Rules.Count, rules.File.Recognizers.Count, rules.File.Deny.Count);
        _debounce = _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _poll = _time.CreateTimer(_ => PollOnce(), null, _options.PollInterval, _options.PollInterval);
        return new RulesStatus(path, _time.GetUtcNow(), Watching: true, []) { Sha256 = RulesText.Sha256(text) };
    }

    /// <summary>The rules in force.</summary>
    public CompiledRules Current => _current.Rules;

    /// <summary>The detector of the rules in force.</summary>
    public PiiDetector Detector => _current.Rules.Detector;

    /// <summary>The whole engine built from the rules in force.</summary>
    public DetectionEngine Engine => _current.Engine;

    /// <inheritdoc />
    DetectionEngine IDetectionEngineSource.Current => _current.Engine;

    /// <summary>A policy evaluator that reads the table in force at each evaluation.</summary>
    public PolicyEvaluator Policy => _policy;

    /// <summary>Which rules are in force and the problems of the last rejected edit.</summary>
    public RulesStatus Status => _status;

    /// <summary>
    /// Reads the file now and swaps in its rules when they are valid and differ from the rules in force. Returns true when
    /// new rules took effect. Does nothing for the bundled default.
    /// </summary>
    public bool Reload()
    {
        lock (_gate)
        {
            if (_disposed || _path is null)
            {
                return false;
            }

            string text;
            try
            {
                _stamp = Stamp(_path);
                text = File.ReadAllText(_path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Often a save in progress or a rename by an editor; the next notification or poll tries again.
                _status = _status with { LastReadError = $"{e.GetType().Name}: {e.Message}", LastErrorAt = _time.GetUtcNow() };
                LogUnreadable(_logger, _path, e.GetType().Name);
                return false;
            }

            if (string.Equals(text, _loadedText, StringComparison.Ordinal))
            {
                _status = _status with { LastReadError = null };
                return false;
            }

            _loadedText = text;
            var result = RulesLoader.Load(text, _path);
            if (!result.Succeeded)
            {
                _status = _status with { LastErrors = result.Errors, LastErrorAt = _time.GetUtcNow(), LastReadError = null };
                LogRejected(_logger, _path, result.Errors.Count, string.Join("; ", result.Errors));
                return false;
            }

            _current = Compile(result.Rules);
            _textInForce = text;
            _status = new RulesStatus(_path, _time.GetUtcNow(), _status.Watching, []) { Sha256 = RulesText.Sha256(text) };
            LogLoaded(_logger, _path, result.Rules.PolicyTable.Rules.Count, result.Rules.File.Recognizers.Count, result.Rules.File.Deny.Count);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _watcher?.Dispose();
        _poll?.Dispose();
        _debounce?.Dispose();
    }

    private Snapshot Compile(CompiledRules rules) => new(rules, rules.CreateEngine(_intents));

    private void PollOnce()
    {
        var path = _path;
        if (path is null)
        {
            return;
        }

        try
        {
            if (Stamp(path) == _stamp)
            {
                return;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        Reload();
    }

    private FileSystemWatcher? Watch(string path)
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => ScheduleReload();
            watcher.Created += (_, _) => ScheduleReload();
            watcher.Renamed += (_, _) => ScheduleReload();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // Polling still picks up changes, only later.
            LogNotWatched(_logger, path, e.GetType().Name, _options.PollInterval);
            return null;
        }
    }

    private void ScheduleReload() => _debounce?.Change(_options.Debounce, Timeout.InfiniteTimeSpan);

    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules in force from {Source}: {PolicyRows} policy rows, {Recognizers} custom recognizers, {DenyTerms} deny terms")]
    private static partial void LogLoaded(ILogger logger, string source, int policyRows, int recognizers, int denyTerms);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rules file {Source} rejected ({ErrorCount} errors); the last good rules stay in force: {Errors}")]
    private static partial void LogRejected(ILogger logger, string source, int errorCount, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rules file {Source} could not be read ({ErrorType}); the last good rules stay in force")]
    private static partial void LogUnreadable(ILogger logger, string source, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rules file {Source} is not watched for changes ({ErrorType}); checking it every {Interval} instead")]
    private static partial void LogNotWatched(ILogger logger, string source, string errorType, TimeSpan interval);

    /// <summary>The rules in force with the engine built from them, swapped as one.</summary>
    private sealed record Snapshot(CompiledRules Rules, DetectionEngine Engine);
}
