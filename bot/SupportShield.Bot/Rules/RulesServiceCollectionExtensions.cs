using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Hosting;
using SupportShield.Detection.Intent;

namespace SupportShield.Bot.Rules;

/// <summary>Registers the rules file behind the detection engine and the policy.</summary>
public static class RulesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>SupportShield:Rules</c> (see <see cref="RulesOptions"/>) and registers <see cref="RulesProvider"/>, built when
    /// the host starts so that a broken rules file stops start-up with its errors.
    /// </summary>
    public static IServiceCollection AddSupportShieldRules(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RulesOptions>()
            .Bind(configuration.GetSection(RulesOptions.SectionName))
            .Validate(o => o.PollInterval > TimeSpan.Zero, "SupportShield:Rules:PollInterval must be positive.")
            .Validate(o => o.Debounce >= TimeSpan.Zero, "SupportShield:Rules:Debounce must not be negative.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICustomerIntentClassifier>(_ => new CustomerIntentClassifier());
        services.TryAddSingleton(sp => new RulesProvider(
            sp.GetRequiredService<IOptions<RulesOptions>>(),
            sp.GetRequiredService<ICustomerIntentClassifier>(),
            sp.GetRequiredService<ILogger<RulesProvider>>(),
            sp.GetRequiredService<TimeProvider>(),
            SavedRulesFile(sp.GetRequiredService<IOptions<RulesOptions>>().Value, configuration)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupActivator<RulesProvider>>());
        return services;
    }

    /// <summary>Where the ops console saves rules without a configured file: <c>SaveFile</c>, or rules.yaml beside the SQLite database.</summary>
    private static string? SavedRulesFile(RulesOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.SaveFile))
        {
            return options.SaveFile;
        }

        var database = configuration["SupportShield:Storage:SqlitePath"];
        if (string.IsNullOrWhiteSpace(database))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(database));
        return folder is null ? null : Path.Combine(folder, "rules.yaml");
    }
}
