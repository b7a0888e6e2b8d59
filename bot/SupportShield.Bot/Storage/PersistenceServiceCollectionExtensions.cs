using SupportShield.Middleware.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Hosting;
using SupportShield.Bot.Security;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Security;


namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SupportShield's SQLite persistence.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons: <see cref="SqliteDatabase"/> (options <c>SupportShield:Storage</c>), <see cref="IConversationStore"/>,
    /// <see cref="IHeldMessageStore"/>, <see cref="IAgentTranscriptStore"/>, <see cref="IAuditLog"/>, Bot Framework's <see cref="IStorage"/>,
    /// <see cref="SqliteDevOutbox"/>, and <see cref="KeyedHasher"/> keyed by <c>SupportShield:Security:HashKey</c> or a key kept
    /// in the database. The schema is created and the key settled when the host starts; bad settings fail start-up.
    /// </summary>
    public static IServiceCollection AddSupportShieldPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSupportShieldSqliteDatabase(configuration);

        services.TryAddSingleton<SqliteConversationStore>();
        services.TryAddSingleton<IConversationStore>(sp => sp.GetRequiredService<SqliteConversationStore>());
        services.TryAddSingleton<SqliteHeldMessageStore>();
        services.TryAddSingleton<IHeldMessageStore>(sp => sp.GetRequiredService<SqliteHeldMessageStore>());
        services.TryAddSingleton<SqliteTranscriptStore>();
        services.TryAddSingleton<IAgentTranscriptStore>(sp => sp.GetRequiredService<SqliteTranscriptStore>());
        services.TryAddSingleton<SqliteAuditLog>();
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.TryAddSingleton<IAuditActionCounts>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.TryAddSingleton<SqliteBotStorage>();
        services.TryAddSingleton<IStorage>(sp => sp.GetRequiredService<SqliteBotStorage>());

        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.TryAddSingleton<HashKeySource>();
        services.TryAddSingleton(sp => new KeyedHasher(sp.GetRequiredService<HashKeySource>().GetKey()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupActivator<KeyedHasher>>());
        return services;
    }

    /// <summary>The database alone (with its options, <see cref="TimeProvider"/> and dev outbox); shared by persistence and email.</summary>
    internal static IServiceCollection AddSupportShieldSqliteDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteStorageOptions>()
            .Bind(configuration.GetSection(SqliteStorageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.SqlitePath), "SupportShield:Storage:SqlitePath must name a file.")
            .Validate(o => o.BusyTimeoutSeconds is >= 1 and <= 300, "SupportShield:Storage:BusyTimeoutSeconds must be between 1 and 300.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabase>(sp =>
        {
            var database = new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteStorageOptions>>(), sp.GetRequiredService<TimeProvider>());
            database.Initialize();
            return database;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupActivator<SqliteDatabase>>());
        services.TryAddSingleton<SqliteDevOutbox>();
        return services;
    }
}
