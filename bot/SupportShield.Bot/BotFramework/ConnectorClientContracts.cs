using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Serialization;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// One pair of JSON contract resolvers for every <see cref="ConnectorClient"/> of the process. Each new client brings new
/// resolvers, so Newtonsoft.Json compiled the property accessors of <see cref="Activity"/> again for every reply (the
/// adapter creates a client per turn): about a quarter of the host's CPU per turn under load. The first client's resolvers
/// (same type, same settings; they cache thread-safely) are given to every later client.
/// </summary>
internal static class ConnectorClientContracts
{
    private static IContractResolver? _serialization;
    private static IContractResolver? _deserialization;

    /// <summary>Gives <paramref name="client"/> the shared resolvers (when it is a <see cref="ConnectorClient"/>) and returns it.</summary>
    public static IConnectorClient Share(IConnectorClient client)
    {
        if (client is ConnectorClient connector)
        {
            connector.SerializationSettings.ContractResolver = Share(ref _serialization, connector.SerializationSettings.ContractResolver);
            connector.DeserializationSettings.ContractResolver = Share(ref _deserialization, connector.DeserializationSettings.ContractResolver);
        }

        return client;
    }

    /// <summary>The resolver kept from the first client, when the new one is of the same type; otherwise the new one.</summary>
    private static IContractResolver? Share(ref IContractResolver? kept, IContractResolver? fresh)
    {
        if (fresh is null)
        {
            return null;
        }

        var shared = Interlocked.CompareExchange(ref kept, fresh, null) ?? fresh;
        return shared.GetType() == fresh.GetType() ? shared : fresh;
    }
}
