using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportShield.Bot.Idempotency;
using SupportShield.Bot.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the idempotency keys of the configured storage provider.</summary>
public static class IdempotencyServiceCollectionExtensions
{
    /// <summary>Binds <c>SupportShield:Idempotency</c> (validated at start) and registers <see cref="IIdempotencyStore"/> on the SQLite file or PostgreSQL.</summary>
    public static IServiceCollection AddSupportShieldIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IdempotencyOptions>()
            .Bind(configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(1) && o.Lease <= TimeSpan.FromHours(1), "SupportShield:Idempotency:Lease must be between 00:00:01 and 01:00:00.")
            .ValidateOnStart();
        if (StorageProviderSelection.Read(configuration) == StorageProvider.Postgres)
        {
            services.TryAddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
        }
        else
        {
            services.TryAddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        }

        return services;
    }
}
