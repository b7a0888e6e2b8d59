using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportShield.Bot.Hosting;

/// <summary>
/// Builds a singleton when the host starts, so a broken database file, seed file or key stops start-up with its
/// own message instead of failing the first customer's turn.
/// </summary>
internal sealed class StartupActivator<TService> : IHostedService
    where TService : notnull
{
    private readonly IServiceProvider _services;

    public StartupActivator(IServiceProvider services)
    {
        _services = services;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _services.GetRequiredService<TService>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
