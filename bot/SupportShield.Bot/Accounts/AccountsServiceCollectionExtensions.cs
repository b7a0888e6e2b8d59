using SupportShield.Middleware.ContactChanges;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Accounts;
using SupportShield.Bot.Hosting;
using SupportShield.Middleware.Accounts;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SupportShield's account directory.</summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAccountDirectory"/> as a singleton <see cref="JsonSeedAccountDirectory"/> reading
    /// <c>SupportShield:Accounts:SeedFile</c> (default: the bundled demo seed). The file is read when the host starts; a
    /// broken file fails start-up.
    /// </summary>
    public static IServiceCollection AddSupportShieldAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.SectionName));
        services.TryAddSingleton(sp =>
        {
            var seedFile = sp.GetRequiredService<IOptions<AccountsOptions>>().Value.SeedFile;
            return new JsonSeedAccountDirectory(string.IsNullOrWhiteSpace(seedFile) ? AccountsOptions.DefaultSeedFile : seedFile);
        });
        // Contact changes made through the chat (after verification) apply over the seed's values.
        services.TryAddSingleton<ContactChangeStore>();
        services.TryAddSingleton<IAccountDirectory>(sp => new ContactChangingAccountDirectory(
            sp.GetRequiredService<JsonSeedAccountDirectory>(),
            sp.GetRequiredService<ContactChangeStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupActivator<IAccountDirectory>>());
        return services;
    }
}
