namespace SupportShield.Bot.Accounts;

/// <summary>Where customer accounts come from. Bound from <c>SupportShield:Accounts</c>.</summary>
public sealed class AccountsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Accounts";

    /// <summary>
    /// The JSON seed file of accounts (<c>SupportShield:Accounts:SeedFile</c>). Default none: the bundled demo seed
    /// <c>Accounts/demo-accounts.json</c> next to the application. A relative path is resolved against the current directory.
    /// </summary>
    public string? SeedFile { get; set; }

    /// <summary>The bundled demo seed, copied to the output folder.</summary>
    public static string DefaultSeedFile => Path.Combine(AppContext.BaseDirectory, "Accounts", "demo-accounts.json");
}
