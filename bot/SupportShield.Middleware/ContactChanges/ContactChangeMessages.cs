namespace SupportShield.Middleware.ContactChanges;

/// <summary>What the customer is told about a contact change.</summary>
public static class ContactChangeMessages
{
    public static string Applied(ContactField field) =>
        $"Done: the {Name(field)} on your account is updated. We have let your previous contact details know about the change.";

    public static string Name(ContactField field) => field switch
    {
        ContactField.Email => "email address",
        ContactField.Phone => "phone number",
        _ => "postal address",
    };
}
