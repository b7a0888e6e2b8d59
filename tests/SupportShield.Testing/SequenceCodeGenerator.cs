using SupportShield.Dialogs.Verification;

namespace SupportShield.Testing;

/// <summary>Hands out known codes in order, so tests can type the right one.</summary>
public sealed class SequenceCodeGenerator : IVerificationCodeGenerator
{
    private readonly Queue<string> _codes;

    public SequenceCodeGenerator(params string[] codes)
    {
        _codes = new Queue<string>(codes);
    }

    public string? LastCode { get; private set; }

    public string NewCode() => LastCode = _codes.Count > 0 ? _codes.Dequeue() : "00000000";
}
