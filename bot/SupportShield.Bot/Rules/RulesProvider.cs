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
/// shown in <see cref="Status"/> while the last good rules stay in force.
/// </summary>
public sealed partial class RulesProvider : IDetectionEngineSource, IDisposable
{
    private readonly Lock _gate = new();
    private readonly string? _path;
    private readonly RulesOptions _options;
    private readonly ICustomerIntentClassifier _intents;
    private readonly ILogger<RulesProvider> _logger;
    private readonly TimeProvider _time;
    private readonly PolicyEvaluator _policy;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer? _poll;
    private readonly ITimer? _debounce;
    private volatile Snapshot _current;
    private volatile RulesStatus _status;
    private (DateTime WrittenAt, long Length) _stamp;
    private string? _loadedText;
    private bool _disposed;

    public RulesProvider(IOptions<RulesOptions> options, ICustomerIntentClassifier intents, ILogger<RulesProvider> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _intents = intents ?? throw new ArgumentNullException(nameof(intents));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _policy = new PolicyEvaluator(() => Current.PolicyTable);

        if (string.IsNullOrWhiteSpace(_options.File))
        {
            _current = Compile(RulesLoader.LoadDefault());
            _status = new RulesStatus(RulesLoader.DefaultSourceName, _time.GetUtcNow(), Watching: false, []);
            LogLoaded(_logger, RulesLoader.DefaultSourceName, _current.Rules.PolicyTable.Rules.Count, 0, 0);
            return;
        }

        _path = Path.GetFullPath(_options.File);
        if (!File.Exists(_path))
        {
            throw new FileNotFoundException($"The rules file {_path} (SupportShield:Rules:File) does not exist.", _path);
        }

        _stamp = Stamp(_path);
        _loadedText = File.ReadAllText(_path);
        var result = RulesLoader.Load(_loadedText, _path);
        if (!result.Succeeded)
        {
            throw new InvalidDataException(result.Describe());
        }

        _current = Compile(result.Rules);
        _watcher = _options.UseChangeNotifications ? Watch(_path) : null;
        _status = new RulesStatus(_path, _time.GetUtcNow(), Watching: true, []);
        LogLoaded(_logger, _path, result.Rules.PolicyTable.Rules.Count, result.Rules.File.Recognizers.Count, result.Rules.File.Deny.Count);
        _debounce = _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _poll = _time.CreateTimer(_ => PollOnce(), null, _options.PollInterval, _options.PollInterval);
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
        if (_path is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (_disposed)
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
            _status = new RulesStatus(_path, _time.GetUtcNow(), _status.Watching, []);
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
        if (_path is null)
        {
            return;
        }

        try
        {
            if (Stamp(_path) == _stamp)
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
