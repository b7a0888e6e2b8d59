using System.Globalization;
using System.Text.Json;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Accounts;

/// <summary>
/// Accounts read once from a JSON seed file: an array of objects with <c>id</c>, <c>name</c>, <c>email</c> and optional
/// <c>phone</c>, <c>postalAddress</c>, <c>zip</c>, <c>cardLast4</c>, <c>dateOfBirth</c> (yyyy-MM-dd), <c>verificationFactors</c>
/// (the factors offered to this account, in order: <c>"email"</c>, <c>"sms"</c>; default: <c>SupportShield:Verification:Factors</c>). A file that cannot be
/// trusted to give one answer per contact (bad JSON, missing fields, duplicate ids, emails or phones) is refused whole.
/// </summary>
public sealed class JsonSeedAccountDirectory : IAccountDirectory
{
    private static readonly JsonSerializerOptions SeedJson = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, Account> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Account> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Account> _byPhone = new(StringComparer.Ordinal);

    /// <summary>Loads the seed file. Throws <see cref="InvalidDataException"/> or <see cref="FileNotFoundException"/> naming the file and the problem.</summary>
    public JsonSeedAccountDirectory(string seedFilePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seedFilePath);
        SeedFilePath = Path.GetFullPath(seedFilePath);
        if (!File.Exists(SeedFilePath))
        {
            throw new FileNotFoundException($"Account seed file '{SeedFilePath}' does not exist (SupportShield:Accounts:SeedFile).", SeedFilePath);
        }

        SeedAccount?[]? seeds;
        try
        {
            seeds = JsonSerializer.Deserialize<SeedAccount?[]>(File.ReadAllText(SeedFilePath), SeedJson);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Account seed file '{SeedFilePath}' is not a JSON array of accounts: {exception.Message}", exception);
        }

        if (seeds is null)
        {
            throw new InvalidDataException($"Account seed file '{SeedFilePath}' holds null instead of an array of accounts.");
        }

        for (var index = 0; index < seeds.Length; index++)
        {
            Add(ToAccount(seeds[index], index), index);
        }
    }

    /// <summary>The full path of the seed file read.</summary>
    public string SeedFilePath { get; }

    /// <summary>Every account, in no particular order.</summary>
    public IReadOnlyCollection<Account> Accounts => _byId.Values;

    public Task<Account?> FindByIdAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return Task.FromResult(_byId.GetValueOrDefault(accountId.Trim()));
    }

    public Task<Account?> FindByContactAsync(string contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var trimmed = contact.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            return Task.FromResult(_byEmail.GetValueOrDefault(trimmed));
        }

        var phone = NormalizePhone(trimmed);
        return Task.FromResult(phone is null ? null : _byPhone.GetValueOrDefault(phone));
    }

    /// <summary>
    /// The comparable form of a phone number: its digits, without a leading North American country code 1, so
    /// "+1 (503) 555-0142" and "503-555-0142" meet. Null when the text holds no digits or holds letters.
    /// </summary>
    internal static string? NormalizePhone(string phone)
    {
        if (phone.Any(char.IsLetter))
        {
            return null;
        }

        var digits = string.Concat(phone.Where(char.IsAsciiDigit));
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        return digits.Length == 0 ? null : digits;
    }

    private Account ToAccount(SeedAccount? seed, int index)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"Account seed file '{SeedFilePath}', entry {index + 1}");
        if (seed is null)
        {
            throw new InvalidDataException($"{where} is null.");
        }

        if (string.IsNullOrWhiteSpace(seed.Id))
        {
            throw new InvalidDataException($"{where} has no id.");
        }

        where += $" (id '{seed.Id.Trim()}')";
        if (string.IsNullOrWhiteSpace(seed.Name))
        {
            throw new InvalidDataException($"{where} has no name.");
        }

        if (string.IsNullOrWhiteSpace(seed.Email) || !seed.Email.Contains('@', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{where} has no valid email.");
        }

        DateOnly? dateOfBirth = null;
        if (!string.IsNullOrWhiteSpace(seed.DateOfBirth))
        {
            if (!DateOnly.TryParseExact(seed.DateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new InvalidDataException($"{where} has a dateOfBirth that is not yyyy-MM-dd.");
            }

            dateOfBirth = parsed;
        }

        if (!string.IsNullOrWhiteSpace(seed.Phone) && NormalizePhone(seed.Phone) is null)
        {
            throw new InvalidDataException($"{where} has a phone without digits.");
        }

        var factors = ParseFactors(seed.VerificationFactors, seed.Phone, where);
        return new Account
        {
            Id = seed.Id.Trim(),
            Name = seed.Name.Trim(),
            Email = seed.Email.Trim(),
            Phone = Blank(seed.Phone),
            PostalAddress = Blank(seed.PostalAddress),
            Zip = Blank(seed.Zip),
            CardLast4 = Blank(seed.CardLast4),
            DateOfBirth = dateOfBirth,
            VerificationFactors = factors,
        };
    }

    private static List<VerificationFactor>? ParseFactors(string?[]? names, string? phone, string where)
    {
        if (names is null)
        {
            return null;
        }

        if (names.Length == 0)
        {
            throw new InvalidDataException($"{where} has an empty verificationFactors list; leave it out to use SupportShield:Verification:Factors.");
        }

        var factors = new List<VerificationFactor>();
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || !Enum.TryParse<VerificationFactor>(name.Trim(), ignoreCase: true, out var factor) || !Enum.IsDefined(factor)
                || name.Trim().All(char.IsAsciiDigit))
            {
                throw new InvalidDataException($"{where} has verificationFactors entry '{name}'; use \"email\" or \"sms\".");
            }

            if (factor == VerificationFactor.Sms && string.IsNullOrWhiteSpace(phone))
            {
                throw new InvalidDataException($"{where} lists the sms verification factor but has no phone.");
            }

            if (!factors.Contains(factor))
            {
                factors.Add(factor);
            }
        }

        return factors;
    }

    private void Add(Account account, int index)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"Account seed file '{SeedFilePath}', entry {index + 1} (id '{account.Id}')");
        if (!_byId.TryAdd(account.Id, account))
        {
            throw new InvalidDataException($"{where} repeats an id used by an earlier entry.");
        }

        // A contact that matches two accounts could link a conversation to the wrong customer.
        if (!_byEmail.TryAdd(account.Email, account))
        {
            throw new InvalidDataException($"{where} repeats the email of account '{_byEmail[account.Email].Id}'.");
        }

        if (account.Phone is not null && !_byPhone.TryAdd(NormalizePhone(account.Phone)!, account))
        {
            throw new InvalidDataException($"{where} repeats the phone of account '{_byPhone[NormalizePhone(account.Phone)!].Id}'.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record SeedAccount(
        string? Id,
        string? Name,
        string? Email,
        string? Phone,
        string? PostalAddress,
        string? Zip,
        string? CardLast4,
        string? DateOfBirth,
        string?[]? VerificationFactors = null);
}
