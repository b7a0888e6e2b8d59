using SupportShield.Middleware.Security;

namespace SupportShield.Middleware.Tests.Security;

public sealed class KeyedHasherTests
{
    private static readonly KeyedHasher Hasher = new(Enumerable.Repeat((byte)7, 32).ToArray());

    [Test]
    public void Hash_SameInput_SameHashButPurposeAndKeySeparate()
    {
        var other = new KeyedHasher(Enumerable.Repeat((byte)8, 32).ToArray());

        var first = Hasher.HashHex("p", "v");
        var second = new KeyedHasher(Enumerable.Repeat((byte)7, 32).ToArray()).HashHex("p", "v");
        Assert.That(first, Is.EqualTo(second));
        Assert.That(Hasher.HashHex("p", "v"), Is.Not.EqualTo(Hasher.HashHex("q", "v")));
        Assert.That(Hasher.HashHex("p", "v"), Is.Not.EqualTo(other.HashHex("p", "v")));
        Assert.That(Hasher.HashHex("p", "v"), Has.Length.EqualTo(64));
    }

    [Test]
    public void Matches_RightAndWrongValue()
    {
        var stored = Hasher.Hash("code", "123456");

        Assert.That(Hasher.Matches("code", "123456", stored), Is.True);
        Assert.That(Hasher.Matches("code", "123457", stored), Is.False);
    }

    [Test]
    public void Constructor_ShortKey_Throws() =>
        Assert.That(() => new KeyedHasher(new byte[16]), Throws.ArgumentException.With.Message.Contain("32 bytes"));
}
