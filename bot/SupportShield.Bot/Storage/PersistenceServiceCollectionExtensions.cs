using SupportShield.Middleware.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportShield.Bot.Hosting;
using SupportShield.Bot.Security;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Storage.Postgres;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Security;


namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SupportShield's persistence: SQLite (the default) or PostgreSQL, by <c>SupportShield:Storage:Provider</c>.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons, for the configured provider (<see cref="StorageProviderSelection"/>): the database
    /// (<see cref="SqliteDatabase"/> with options <c>SupportShield:Storage</c>, or <see cref="PostgresDatabase"/> with
    /// <c>SupportShield:Storage:Postgres</c>) as <see cref="IStorageDatabase"/>, <see cref="IConversationStore"/>,
    /// <see cref="IHeldMessageStore"/>, <see cref="IAgentTranscriptStore"/>, <see cref="IAuditLog"/> and
    /// <see cref="IAuditChainStore"/>, Bot Framework's <see cref="IStorage"/>, <see cref="IDevOutbox"/>,
    /// <see cref="IOverrideRequestStore"/>, <see cref="IFalsePositiveStore"/>, and <see cref="KeyedHasher"/> keyed by
    /// <c>SupportShield:Security:HashKey</c> or a key kept in the database. The schema is created or migrated and the key
    /// settled when the host starts; bad settings or an unreachable database fail start-up.
    /// </summary>
    public static IServiceCollection AddSupportShieldPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSupportShieldDatabase(configuration);
        if (StorageProviderSelection.Read(configuration) == StorageProvider.Postgres)
        {
            // A decision's transcript line or held message and its audit record share one database: one round trip, one commit.
            services.TryAddSingleton<IDecisionRecorder, PostgresDecisionRecorder>();
            AddStores<PostgresConversationStore, PostgresHeldMessageStore, PostgresTranscriptStore, PostgresAuditLog, PostgresBotStorage, PostgresOverrideRequestStore, PostgresFalsePositiveStore>(services);
        }
        else
        {
            AddStores<SqliteConversationStore, SqliteHeldMessageStore, SqliteTranscriptStore, SqliteAuditLog, SqliteBotStorage, SqliteOverrideRequestStore, SqliteFalsePositiveStore>(services);
        }

        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.TryAddSingleton<HashKeySource>();
        services.TryAddSingleton(sp => new KeyedHasher(sp.GetRequiredService<HashKeySource>().GetKey()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupActivator<KeyedHasher>>());
        return services;
    }

    /// <summary>The database alone (with its options, <see cref="TimeProvider"/> and dev outbox); shared by persistence, email and SMS.</summary>
    internal static IServiceCollection AddSupportShieldDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        if (StorageProviderSelection.Read(configuration) == StorageProvider.Postgres)
        {
            services.AddOptions<PostgresStorageOptions>()
                .Bind(configuration.GetSection(PostgresStorageOptions.SectionName))
                .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "SupportShield:Storage:Postgres:ConnectionString is required when SupportShield:Storage:Provider is Postgres.")
                .Validate(o => IsConnectionString(o.ConnectionString), "SupportShield:Storage:Postgres:ConnectionString is not a valid Npgsql connection string.")
                .Validate(o => o.CommandTimeoutSeconds is >= 1 and <= 300, "SupportShield:Storage:Postgres:CommandTimeoutSeconds must be between 1 and 300.")
                .ValidateOnStart();
            services.TryAddSingleton<PostgresDatabase>(sp =>
            {
                var database = new PostgresDatabase(sp.GetRequiredService<IOptions<PostgresStorageOptions>>(), sp.GetRequiredService<TimeProvider>());
                database.Initialize();
                return database;
            });
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupActivator<PostgresDatabase>>());
            services.TryAddSingleton<IStorageDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
            services.TryAddSingleton<PostgresDevOutbox>();
            services.TryAddSingleton<IDevOutbox>(sp => sp.GetRequiredService<PostgresDevOutbox>());
            return services;
        }

        services.AddOptions<SqliteStorageOptions>()
            .Bind(configuration.GetSection(SqliteStorageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.SqlitePath), "SupportShield:Storage:SqlitePath must name a file.")
            .Validate(o => o.BusyTimeoutSeconds is >= 1 and <= 300, "SupportShield:Storage:BusyTimeoutSeconds must be between 1 and 300.")
            .ValidateOnStart();
        services.TryAddSingleton<SqliteDatabase>(sp =>
        {
            var database = new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteStorageOptions>>(), sp.GetRequiredService<TimeProvider>());
            database.Initialize();
            return database;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupActivator<SqliteDatabase>>());
        services.TryAddSingleton<IStorageDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.TryAddSingleton<SqliteDevOutbox>();
        services.TryAddSingleton<IDevOutbox>(sp => sp.GetRequiredService<SqliteDevOutbox>());
        return services;
    }

    private static void AddStores<TConversations, THeld, TTranscripts, TAudit, TBotState, TOverrides, TFalsePositives>(IServiceCollection services)
        where TConversations : class, IConversationStore
        where THeld : class, IHeldMessageStore
        where TTranscripts : class, IAgentTranscriptStore
        where TAudit : class, IAuditChainStore, IAuditActionCounts
        where TBotState : class, IStorage
        where TOverrides : class, IOverrideRequestStore
        where TFalsePositives : class, IFalsePositiveStore
    {
        services.TryAddSingleton<TConversations>();
        services.TryAddSingleton<IConversationStore>(sp => new ScopedConversationStore(sp.GetRequiredService<TConversations>()));
        services.TryAddSingleton<THeld>();
        services.TryAddSingleton<IHeldMessageStore>(sp => sp.GetRequiredService<THeld>());
        services.TryAddSingleton<TTranscripts>();
        services.TryAddSingleton<IAgentTranscriptStore>(sp => sp.GetRequiredService<TTranscripts>());
        services.TryAddSingleton<TAudit>();
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<TAudit>());
        services.TryAddSingleton<IAuditChainStore>(sp => sp.GetRequiredService<TAudit>());
        services.TryAddSingleton<IAuditActionCounts>(sp => sp.GetRequiredService<TAudit>());
        // The provider's own stores, not what decorates them: whatever tells of a stored line decorates the recorder too.
        services.TryAddSingleton<IDecisionRecorder>(sp => new DecisionRecorder(sp.GetRequiredService<TTranscripts>(), sp.GetRequiredService<TAudit>(), sp.GetRequiredService<THeld>()));
        services.TryAddSingleton<TBotState>();
        services.TryAddSingleton<IStorage>(sp => sp.GetRequiredService<TBotState>());
        services.TryAddSingleton<TOverrides>();
        services.TryAddSingleton<IOverrideRequestStore>(sp => sp.GetRequiredService<TOverrides>());
        services.TryAddSingleton<TFalsePositives>();
        services.TryAddSingleton<IFalsePositiveStore>(sp => sp.GetRequiredService<TFalsePositives>());
    }

    private static bool IsConnectionString(string? value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
