using System.Globalization;
using System.Text.Json;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Engine;

namespace SupportShield.Detection.Corpus;

/// <summary>
/// Parses one corpus line <c>{"id", "text", "role"?, "account"?}</c> (JSON), as read by the <c>supportshield scan</c> command
/// and the ops console's dry run. A missing role means customer, since corpus lines carry no role and a message of unknown
/// origin is screened as the customer's own words. Error messages never quote the line's content.
/// </summary>
public static class CorpusLineParser
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, MaxDepth = 16 };

    /// <summary>Parses <paramref name="line"/>.</summary>
    /// <exception cref="CorpusLineException">The line is not valid JSON or does not follow the schema.</exception>
    public static CorpusLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, Options);
        }
        catch (JsonException e)
        {
            throw new CorpusLineException($"not valid JSON (at byte {(e.BytePositionInLine ?? 0) + 1})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CorpusLineException("expected a JSON object");
            }

            var id = RequiredString(root, "id");
            var text = RequiredString(root, "text");
            var role = ParseRole(root);
            var account = root.TryGetProperty("account", out var accountElement) && accountElement.ValueKind != JsonValueKind.Null
                ? ParseAccount(accountElement)
                : null;
            return new CorpusLine(id, new AnalysisRequest(text) { Role = role, Account = account });
        }
    }

    /// <summary>Parses a role name: customer, agent or bot (case-insensitive).</summary>
    public static bool TryParseRole(string? name, out MessageRole role)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "CUSTOMER":
                role = MessageRole.Customer;
                return true;
            case "AGENT":
                role = MessageRole.Agent;
                return true;
            case "BOT":
                role = MessageRole.Bot;
                return true;
            default:
                role = MessageRole.Customer;
                return false;
        }
    }

    private static MessageRole ParseRole(JsonElement root)
    {
        if (!root.TryGetProperty("role", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return MessageRole.Customer;
        }

        if (element.ValueKind != JsonValueKind.String || !TryParseRole(element.GetString(), out var role))
        {
            throw new CorpusLineException("\"role\" must be \"customer\", \"agent\" or \"bot\"");
        }

        return role;
    }

    private static AccountValues ParseAccount(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CorpusLineException("\"account\" must be an object");
        }

        DateOnly? dateOfBirth = null;
        var dob = OptionalString(element, "dateOfBirth", "account.");
        if (dob is not null)
        {
            if (!DateOnly.TryParseExact(dob, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new CorpusLineException("\"account.dateOfBirth\" must be a date in the form yyyy-MM-dd");
            }

            dateOfBirth = parsed;
        }

        return new AccountValues
        {
            AccountId = OptionalString(element, "accountId", "account."),
            Name = OptionalString(element, "name", "account."),
            Email = OptionalString(element, "email", "account."),
            Phone = OptionalString(element, "phone", "account."),
            PostalAddress = OptionalString(element, "postalAddress", "account."),
            Zip = OptionalString(element, "zip", "account."),
            CardLast4 = OptionalString(element, "cardLast4", "account."),
            DateOfBirth = dateOfBirth,
        };
    }

    private static string RequiredString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw new CorpusLineException($"missing \"{name}\"");
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new CorpusLineException($"\"{name}\" must be a string");
    }

    private static string? OptionalString(JsonElement element, string name, string prefix)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new CorpusLineException($"\"{prefix}{name}\" must be a string");
    }
}
