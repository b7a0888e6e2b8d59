namespace SupportShield.Bot.Storage;

/// <summary>Reads <c>SupportShield:Storage:Provider</c> while services are registered (the choice decides which services exist).</summary>
public static class StorageProviderSelection
{
    /// <summary>The configuration key naming the provider.</summary>
    public const string ProviderKey = "SupportShield:Storage:Provider";

    /// <summary>The configured provider: <see cref="StorageProvider.Sqlite"/> when unset. An unknown name stops start-up.</summary>
    public static StorageProvider Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Sqlite;
        }

        if (Enum.TryParse<StorageProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider))
        {
            return provider;
        }

        throw new InvalidOperationException($"{ProviderKey} is '{value}'; it must be Sqlite (the default) or Postgres.");
    }
}
