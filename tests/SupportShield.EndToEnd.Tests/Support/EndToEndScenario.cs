using System.Text.Json;
using System.Text.RegularExpressions;
using SupportShield.Testing;

namespace SupportShield.EndToEnd.Tests.Support;

/// <summary>One end-to-end set-up: a data folder, a loopback SMTP server, the test's channel endpoint and the real host.</summary>
internal sealed partial class EndToEndScenario : IAsyncDisposable
{
    private EndToEndScenario(string folder, LoopbackSmtpServer smtp, ChannelEndpoint channel)
    {
        Folder = folder;
        Smtp = smtp;
        Channel = channel;
    }

    public string Folder { get; }

    public LoopbackSmtpServer Smtp { get; }

    public ChannelEndpoint Channel { get; }

    public BotHost Host { get; private set; } = null!;

    /// <summary>The one-time code emails the SMTP server received (owner notices left out).</summary>
    public IReadOnlyList<MimeKit.MimeMessage> CodeEmails =>
        Smtp.Messages.Where(m => m.Subject == "Your verification code").ToList();

    public Dictionary<string, string?> Settings { get; } = new();

    public static async Task<EndToEndScenario> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportshield-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var scenario = new EndToEndScenario(folder, await LoopbackSmtpServer.StartAsync(), await ChannelEndpoint.StartAsync());
        scenario.Settings["SupportShield:Email:Smtp:Host"] = "127.0.0.1";
        scenario.Settings["SupportShield:Email:Smtp:Port"] = scenario.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        scenario.Settings["SupportShield:Email:Smtp:From"] = "support@shop.example";
        configure?.Invoke(scenario.Settings);
        try
        {
            scenario.Host = await BotHost.StartAsync(folder, scenario.Settings);
        }
        catch (Exception)
        {
            // A host that refuses to start (a test of bad settings) must not leave the servers running.
            await scenario.Channel.DisposeAsync();
            await scenario.Smtp.DisposeAsync();
            throw;
        }

        return scenario;
    }

    /// <summary>Settings for a host with no SMTP server configured: codes go to the development outbox (<c>GET /dev/outbox</c>).</summary>
    public static void WithoutSmtp(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["SupportShield:Email:Smtp:Host"] = null;
        settings["SupportShield:Email:Smtp:Port"] = null;
        settings["SupportShield:Email:Smtp:From"] = null;
    }

    /// <summary>Stops the host and starts a new one on the same data folder, as a process restart would.</summary>
    public async Task RestartHostAsync()
    {
        await Host.DisposeAsync();
        Host = await BotHost.StartAsync(Folder, Settings);
    }

    /// <summary>Posts a customer message and checks the host accepted it.</summary>
    public async Task CustomerSaysAsync(string conversationId, string text)
    {
        using var response = await Host.PostCustomerMessageAsync(Channel, conversationId, text);
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"POST /api/messages for '{text}'");
    }

    /// <summary>Waits for a code email to <paramref name="to"/> and returns the code in it.</summary>
    public async Task<string> WaitForCodeAsync(string to, int nth = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var messages = Smtp.Messages
                .Where(m => m.Subject == "Your verification code" && m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (messages.Count >= nth)
            {
                return CodePattern().Match(messages[nth - 1].TextBody ?? string.Empty).Value;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No code email #{nth} reached {to}.");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Channel.DisposeAsync();
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string State(JsonElement conversation) => conversation.GetProperty("verification").GetString()!;

    [GeneratedRegex(@"\b[0-9]{8}\b")]
    private static partial Regex CodePattern();
}
