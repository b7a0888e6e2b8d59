using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Email;

namespace SupportShield.Bot.Health;

/// <summary>
/// Degraded when the configured SMTP server does not accept a connection (codes cannot be sent, so customers cannot
/// verify, but screening still works). Healthy when the development outbox is in use.
/// </summary>
public sealed class SmtpHealthCheck : IHealthCheck
{
    private readonly IOptions<SmtpEmailOptions> _options;

    public SmtpHealthCheck(IOptions<SmtpEmailOptions> options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            return HealthCheckResult.Healthy("development outbox");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Min(5, options.TimeoutSeconds)));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy("SMTP server accepts connections");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Degraded("the SMTP server does not accept connections; codes cannot be sent");
        }
    }
}
