namespace SupportShield.Bot.DevChannel;

/// <summary>The development channel, bound from <c>SupportShield:DevChannel</c>.</summary>
public sealed class DevChannelOptions
{
    /// <summary>
    /// Serve the development channel at <c>/dev/channel/</c> (loopback callers only). Default false; true in
    /// appsettings.Development.json, so that the README's curl tour can read what the customer received.
    /// </summary>
    public bool Enabled { get; set; }
}
