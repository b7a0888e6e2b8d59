using SupportShield.Bot.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Dialogs.Email;
using SupportShield.Dialogs.Identity;
using SupportShield.Dialogs.Sms;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Telemetry;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Security;
using SupportShield.Middleware.Transcripts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Verification;

/// <summary>Registers the verification dialog, its state machine and the host page's identity tokens.</summary>
public static class VerificationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>SupportShield:Verification</c> (see <see cref="VerificationOptions"/>) and <c>SupportShield:Identity</c>
    /// (see <see cref="ChannelIdentityOptions"/>; identity tokens are checked only when its SigningKey is set). The SMS
    /// factor uses the registered <see cref="ISmsSender"/>, when there is one.
    /// </summary>
    public static IServiceCollection AddSupportShieldVerification(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var factorsSection = configuration.GetSection("SupportShield:Verification:Factors");
        services.AddOptions<VerificationOptions>()
            .Bind(configuration.GetSection("SupportShield:Verification"))
            .Validate(o =>
            {
                // The binder skips list entries it cannot convert: a misspelt factor must fail, not vanish.
                foreach (var entry in factorsSection.GetChildren())
                {
                    if (!Enum.TryParse<VerificationFactor>(entry.Value, ignoreCase: true, out var factor) || !Enum.IsDefined(factor)
                        || entry.Value!.Trim().All(char.IsAsciiDigit))
                    {
                        throw new InvalidOperationException($"SupportShield:Verification:Factors:{entry.Key} is '{entry.Value}'; use Email or Sms.");
                    }
                }

                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddOptions<ChannelIdentityOptions>()
            .Bind(configuration.GetSection(ChannelIdentityOptions.SectionName))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.TryAddSingleton<IVerificationCodeGenerator, RandomVerificationCodeGenerator>();
        services.TryAddSingleton<VerificationStore>();
        services.TryAddSingleton(sp => new VerificationStateMachine(
            sp.GetRequiredService<VerificationStore>(),
            sp.GetRequiredService<KeyedHasher>(),
            sp.GetRequiredService<IVerificationCodeGenerator>(),
            sp.GetRequiredService<IOptions<VerificationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new IdentityTokenReplayGuard(
            sp.GetRequiredService<VerificationStore>(),
            sp.GetRequiredService<KeyedHasher>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var identityOptions = sp.GetRequiredService<IOptions<ChannelIdentityOptions>>().Value;
            var identity = identityOptions.Enabled ? new ChannelIdentityValidator(identityOptions, sp.GetRequiredService<TimeProvider>()) : null;
            return new VerificationDialog(
                sp.GetRequiredService<VerificationStateMachine>(),
                sp.GetRequiredService<IAccountDirectory>(),
                sp.GetRequiredService<IConversationStore>(),
                sp.GetRequiredService<IEmailSender>(),
                sp.GetRequiredService<HeldMessageReleaser>(),
                sp.GetRequiredService<IAgentTranscriptStore>(),
                sp.GetRequiredService<IAuditLog>(),
                sp.GetRequiredService<AuditRecordFactory>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ISmsSender>(),
                identity,
                identity is null ? null : sp.GetRequiredService<IdentityTokenReplayGuard>(),
                metrics: sp.GetService<SupportShieldMetrics>());
        });
        services.TryAddSingleton<IVerificationGateway>(sp => new RateLimitedVerificationGateway(
            Redis.RedisServiceCollectionExtensions.LockingGateway(sp, sp.GetRequiredService<VerificationDialog>()),
            sp.GetRequiredService<SupportShieldRateLimiter>(),
            sp.GetRequiredService<IConversationStore>()));
        return services;
    }
}
