namespace SupportShield.Bot.Rules;

/// <summary>Where the detection and policy rules come from. Bound from <c>SupportShield:Rules</c>.</summary>
public sealed class RulesOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Rules";

    /// <summary>
    /// The YAML rules file (<c>SupportShield:Rules:File</c>). Default none: the bundled default rules, which reproduce the
    /// built-in behaviour. A relative path is resolved against the current directory. The file is watched and reloaded on change.
    /// </summary>
    public string? File { get; set; }

    /// <summary>
    /// Where the ops console saves rules when no <see cref="File"/> is configured (<c>SupportShield:Rules:SaveFile</c>).
    /// Default: <c>rules.yaml</c> in the folder of <c>SupportShield:Storage:SqlitePath</c>. Once saved, that file is used
    /// (and watched) instead of the bundled default, also after a restart. With <see cref="File"/> set, the console writes
    /// that file instead.
    /// </summary>
    public string? SaveFile { get; set; }

    /// <summary>
    /// Whether to listen for change notifications (default true). Turn off on file systems that do not deliver them reliably
    /// (some network shares and container mounts); polling alone then picks up changes.
    /// </summary>
    public bool UseChangeNotifications { get; set; } = true;

    /// <summary>How often the file's last-write time is checked, for file systems where change notifications do not arrive.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait after a change notification before reading, so that an editor's several writes count as one.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);
}
