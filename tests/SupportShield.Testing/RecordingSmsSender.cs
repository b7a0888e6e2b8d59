using SupportShield.Dialogs.Sms;

namespace SupportShield.Testing;

/// <summary>Keeps the text messages it is asked to send; can be told to fail like an unreachable provider.</summary>
public sealed class RecordingSmsSender : ISmsSender
{
    private readonly Lock _gate = new();
    private readonly List<SmsMessage> _sent = [];

    public bool Fail { get; set; }

    public IReadOnlyList<SmsMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToList();
            }
        }
    }

    public Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new SmsDeliveryException("The SMS provider is unreachable.");
        }

        lock (_gate)
        {
            _sent.Add(message);
        }

        return Task.CompletedTask;
    }
}
