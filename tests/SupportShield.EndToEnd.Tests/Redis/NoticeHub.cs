using Microsoft.AspNetCore.SignalR;

namespace SupportShield.EndToEnd.Tests.Redis;

/// <summary>A hub with no methods: the backplane test sends through its hub context only.</summary>
public sealed class NoticeHub : Hub
{
}
