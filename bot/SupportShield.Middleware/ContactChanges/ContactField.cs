namespace SupportShield.Middleware.ContactChanges;

/// <summary>A contact detail on file that a customer can ask to change.</summary>
public enum ContactField
{
    Email,
    Phone,
    PostalAddress,
}
