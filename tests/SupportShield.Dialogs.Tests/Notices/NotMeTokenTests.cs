using SupportShield.Dialogs.Notices;
using SupportShield.Middleware.Security;

namespace SupportShield.Dialogs.Tests.Notices;

public sealed class NotMeTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly NotMeToken _tokens = new(new KeyedHasher(Enumerable.Repeat((byte)3, 32).ToArray()));

    [Test]
    public void Validate_FreshToken_ReturnsTheAccount() =>
        Assert.That(_tokens.Validate(_tokens.Create("acct-1001", Now.AddDays(1)), Now), Is.EqualTo("acct-1001"));

    [Test]
    public void Validate_Expired_IsNull() =>
        Assert.That(_tokens.Validate(_tokens.Create("acct-1001", Now.AddDays(1)), Now.AddDays(2)), Is.Null);

    [Test]
    public void Validate_OtherKeyOrTampered_IsNull()
    {
        var token = _tokens.Create("acct-1001", Now.AddDays(1));
        var other = new NotMeToken(new KeyedHasher(Enumerable.Repeat((byte)4, 32).ToArray()));
        var payload = token[..token.IndexOf('.', StringComparison.Ordinal)];
        var forged = Convert.ToBase64String("acct-9999\n999999999999999999\nAA"u8.ToArray()).TrimEnd('=') + token[payload.Length..];

        Assert.That(other.Validate(token, Now), Is.Null);
        Assert.That(_tokens.Validate(forged, Now), Is.Null);
        Assert.That(_tokens.Validate("garbage", Now), Is.Null);
        Assert.That(_tokens.Validate(null, Now), Is.Null);
    }
}
