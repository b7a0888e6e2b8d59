namespace SupportShield.Dialogs.Notices;

/// <summary>Owner notice settings, bound from <c>SupportShield:Notices</c>.</summary>
public sealed class OwnerNoticeOptions
{
    /// <summary>The address of this bot as the account owner's browser reaches it, for the "this wasn't me" link. Default http://localhost:3978.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:3978");

    /// <summary>At most one notice of a kind per account in this interval. Default 1 hour.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a "this wasn't me" link works. Default 14 days.</summary>
    public TimeSpan ReportLinkLifetime { get; set; } = TimeSpan.FromDays(14);
}
