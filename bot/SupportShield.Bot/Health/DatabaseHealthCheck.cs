using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportShield.Bot.Storage;

namespace SupportShield.Bot.Health;

/// <summary>Ready only when the database (SQLite file or PostgreSQL, whichever is the provider) answers a query: without storage nothing can be held, so nothing may be sent.</summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly IStorageDatabase _database;

    public DatabaseHealthCheck(IStorageDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await _database.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"schema version {version}"));
        }
#pragma warning disable CA1031 // Any failure means not ready.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("the database does not answer", ex);
        }
    }
}
