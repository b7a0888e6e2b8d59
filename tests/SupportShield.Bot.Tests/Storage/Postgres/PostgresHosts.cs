using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.Storage.Postgres;

/// <summary>
/// Several SupportShield "hosts" (each its own service provider built by <c>AddSupportShield</c>, so its own connection
/// pool, caches, gates and singletons) sharing one fresh PostgreSQL database, as instances behind a load balancer would.
/// </summary>
internal sealed class PostgresHosts : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    private PostgresHosts(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<PostgresHosts> CreateAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return new PostgresHosts(await server.CreateDatabaseAsync("hosts"));
    }

    /// <summary>The settings of a host on this database (Provider=Postgres, no configured hash key: the key is kept in the database).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["SupportShield:Storage:Provider"] = "Postgres",
        ["SupportShield:Storage:Postgres:ConnectionString"] = ConnectionString,
    };

    /// <summary>Builds a new host's services.</summary>
    public IServiceProvider StartHost()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSupportShield(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
    }
}
