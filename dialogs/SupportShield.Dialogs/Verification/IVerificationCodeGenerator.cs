namespace SupportShield.Dialogs.Verification;

/// <summary>Makes one-time codes. Injected so tests can know the code.</summary>
public interface IVerificationCodeGenerator
{
    /// <summary>A new code of <see cref="VerificationCode.Length"/> digits.</summary>
    string NewCode();
}
