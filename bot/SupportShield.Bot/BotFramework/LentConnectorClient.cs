using Microsoft.Bot.Connector;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// A turn's view of a connector client shared by many turns (<see cref="SharedClientsBotFrameworkAuthentication"/>): every
/// call goes to the shared client, and disposing the view (the adapter does at the end of the turn) leaves it open.
/// </summary>
internal sealed class LentConnectorClient : IConnectorClient
{
    private readonly IConnectorClient _shared;

    public LentConnectorClient(IConnectorClient shared) => _shared = shared ?? throw new ArgumentNullException(nameof(shared));

    /// <summary>The shared client.</summary>
    public IConnectorClient Shared => _shared;

    /// <inheritdoc />
    public Uri BaseUri
    {
        get => _shared.BaseUri;
        set => throw new NotSupportedException("The connector client is shared by every turn of its service URL; its address cannot be changed by one.");
    }

    /// <inheritdoc />
    public JsonSerializerSettings SerializationSettings => _shared.SerializationSettings;

    /// <inheritdoc />
    public JsonSerializerSettings DeserializationSettings => _shared.DeserializationSettings;

    /// <inheritdoc />
    public ServiceClientCredentials Credentials => _shared.Credentials;

    /// <inheritdoc />
    public IAttachments Attachments => _shared.Attachments;

    /// <inheritdoc />
    public IConversations Conversations => _shared.Conversations;

    /// <summary>Ends the turn's use; the shared client stays open for the next turns.</summary>
    public void Dispose()
    {
    }
}
