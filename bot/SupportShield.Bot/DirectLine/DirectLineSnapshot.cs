using Newtonsoft.Json.Linq;

namespace SupportShield.Bot.DirectLine;

/// <summary>What a read of a conversation's log returned.</summary>
/// <param name="Activities">The activities after the watermark asked for, oldest first (shared: do not change them).</param>
/// <param name="Watermark">The watermark to ask with next time.</param>
/// <param name="Changed">Completes when an activity is added after this read, or the conversation ends.</param>
public sealed record DirectLineSnapshot(IReadOnlyList<JObject> Activities, long Watermark, Task Changed);
