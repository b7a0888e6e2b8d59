namespace SupportShield.Bot.AgentConsole;

/// <summary>Wraps the service registered last for a type in a decorator, keeping its lifetime.</summary>
internal static class ServiceDecoration
{
    /// <summary>
    /// Replaces the last registration of <typeparamref name="TService"/> with one that builds the original and passes it
    /// to <paramref name="decorate"/>. Throws when nothing is registered for it.
    /// </summary>
    public static void Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"{typeof(TService).Name} must be registered before it is decorated.");
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => decorate(sp, (TService)Create(sp, original)), original.Lifetime);
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
