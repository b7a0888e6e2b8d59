using SupportShield.Dialogs.Email;

namespace SupportShield.Testing;

/// <summary>Keeps the emails it is asked to send; can be told to fail like an unreachable server.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly Lock _gate = new();
    private readonly List<EmailMessage> _sent = [];

    public bool Fail { get; set; }

    public IReadOnlyList<EmailMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToList();
            }
        }
    }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new EmailDeliveryException("The mail server is unreachable.");
        }

        lock (_gate)
        {
            _sent.Add(message);
        }

        return Task.CompletedTask;
    }
}
