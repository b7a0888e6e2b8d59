using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace SupportShield.Bot.Storage;

/// <summary>
/// The ETag rules the Bot Framework state stores share: which ETag a value to write carries, and putting the stored
/// ETag back on a value read (the stores keep it in a column of its own, so it survives types that name it differently).
/// </summary>
internal static class BotStateETags
{
    /// <summary>The property a <see cref="JObject"/> value carries its ETag in (Bot Framework's MemoryStorage convention).</summary>
    public const string Property = "ETag";

    /// <summary>Sets <paramref name="etag"/> on <paramref name="value"/> when it is a store item or a JSON object; nothing when null.</summary>
    public static void Apply(object value, string? etag)
    {
        if (etag is null)
        {
            return;
        }

        switch (value)
        {
            case IStoreItem storeItem:
                storeItem.ETag = etag;
                break;
            case JObject jObject:
                jObject[Property] = etag;
                break;
        }
    }

    /// <summary>Whether the value takes part in ETag concurrency, and the ETag it carries (MemoryStorage's rules).</summary>
    public static (bool HasETag, string? ETag) Requested(object? value) => value switch
    {
        IStoreItem storeItem => (true, storeItem.ETag),
        JObject jObject when jObject.ContainsKey(Property) => (true, jObject.Value<string>(Property)),
        _ => (false, null),
    };
}
