namespace SupportShield.Detection.Intent;

/// <summary>
/// A set of the field names an intent can name, as bits in the order results list them (the classifier's field patterns);
/// results are materialised only when a rule decides.
/// </summary>
internal readonly record struct FieldSet(int Bits)
{
    /// <summary>Field names, in the order of the classifier's field patterns.</summary>
    public static readonly string[] Names = ["address", "phone", "email", "name", "account", "card", "dob", "password", "ssn", "pin", "2fa", "payout"];

    public static FieldSet Empty => new(0);

    /// <summary>Not computed yet.</summary>
    public static FieldSet Unknown => new(-1);

    public static FieldSet Phone => At(1);

    public static FieldSet Email => At(2);

    public static FieldSet Card => At(5);

    public static FieldSet TwoFactor => At(10);

    public static FieldSet Payout => At(11);

    /// <summary>Fields a customer can ask to change: address, phone, email, name, account, password, pin, 2fa, payout.</summary>
    public static FieldSet Changeable => new(0b1110_1001_1111);

    public bool IsEmpty => Bits == 0;

    public bool IsUnknown => Bits == -1;

    public static FieldSet At(int index) => new(1 << index);

    public static FieldSet Of(string name) => At(Array.IndexOf(Names, name));

    public bool Has(FieldSet other) => (Bits & other.Bits) == other.Bits;

    public FieldSet With(FieldSet other) => new(Bits | other.Bits);

    public FieldSet Without(FieldSet other) => new(Bits & ~other.Bits);

    public FieldSet Intersect(FieldSet other) => new(Bits & other.Bits);

    /// <summary>The names in the set, in field order.</summary>
    public List<string> ToList()
    {
        var list = new List<string>(System.Numerics.BitOperations.PopCount((uint)Bits));
        for (var i = 0; i < Names.Length; i++)
        {
            if ((Bits & (1 << i)) != 0)
            {
                list.Add(Names[i]);
            }
        }

        return list;
    }
}
