using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportShield.Bot.Storage.Sqlite;

namespace SupportShield.Bot.Health;

/// <summary>Ready only when the database answers a query: without storage nothing can be held, so nothing may be sent.</summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly SqliteDatabase _database;

    public DatabaseHealthCheck(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await _database.ReadAsync(
                async (connection, ct) =>
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT MAX(version) FROM schema_version;";
                    return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                },
                cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"schema version {version}");
        }
#pragma warning disable CA1031 // Any failure means not ready.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("the database does not answer", ex);
        }
    }
}
