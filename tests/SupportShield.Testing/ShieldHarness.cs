using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.Time.Testing;
using SupportShield.Detection.Engine;
using SupportShield.Dialogs.Notices;
using SupportShield.Dialogs.Identity;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.ContactChanges;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Screening;
using SupportShield.Middleware.Security;
using SupportShield.Middleware.Telemetry;

namespace SupportShield.Testing;

/// <summary>
/// The SupportShield middleware and verification dialog wired with the real engine and policy, in-memory stores,
/// a fake clock and known codes, on a Bot Framework <see cref="TestAdapter"/>.
/// </summary>
public sealed class ShieldHarness
{
    public static readonly Account Jane = new()
    {
        Id = "acct-1001",
        Name = "Jane Doe",
        Email = "jane.doe@example.com",
        Phone = "+1 503 555 0142",
        PostalAddress = "742 Evergreen Terrace, Springfield, OR 97403",
        Zip = "97403",
        CardLast4 = "4242",
        DateOfBirth = new DateOnly(1985, 3, 14),
    };

    /// <summary>The key the harness's host page signs identity tokens with.</summary>
    public static readonly byte[] IdentityKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    public const string IdentityIssuer = "https://shop.example/";

    public ShieldHarness(DetectionEngine? engine = null, ScreeningOptions? screeningOptions = null, params string[] codes)
    {
        Metrics = new SupportShieldMetrics(Time);
        Codes = new SequenceCodeGenerator(codes.Length > 0 ? codes : ["12345678", "23456789", "34567890", "45678901"]);
        Accounts = new InMemoryAccountDirectory(Jane);
        ContactChanges = new ContactChangeStore(Storage);
        Directory = new ContactChangingAccountDirectory(Accounts, ContactChanges);
        Hasher = new KeyedHasher(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var records = new AuditRecordFactory(Hasher, Time);
        var resolver = new LinkedAccountResolver(Conversations, Directory);
        var releaser = new HeldMessageReleaser(Held);
        Machine = new VerificationStateMachine(new VerificationStore(Storage), Hasher, Codes, Options, Time);
        Notifier = new OwnerNotifier(Directory, NoticeEmail, new NotMeToken(Hasher), Audit, records, new OwnerNoticeOptions(), Time);
        Dialog = new VerificationDialog(
            Machine, Directory, Conversations, Email, releaser, Transcript, Audit, records, Time,
            Sms, new ChannelIdentityValidator(IdentityOptions, Time), new IdentityTokenReplayGuard(new VerificationStore(Storage), Hasher, Time), [Notifier], Metrics);
        var engines = new FixedDetectionEngineSource(engine ?? DetectionEngine.CreateDefault());
        var screener = new MessageScreener(engines, screeningOptions ?? new ScreeningOptions());
        Locks = new DisclosureLockStore(Storage);
        var lockConversation = new DisclosureLockConversation(Locks, Dialog, Audit, records, LockOptions, Time);
        var incoming = new IncomingMessageGuard(engines, Conversations, resolver, Dialog, Transcript, Audit, records, Time, lockConversation, [Notifier], new ContactChangeService(ContactChanges, Directory, [Notifier], Audit, records, Time), Metrics);
        var outgoing = new OutgoingMessageGuard(screener, resolver, Dialog, Held, Transcript, Audit, records, Time, Locks, [Notifier], Metrics);
        Middleware = new SupportShieldMiddleware(incoming, outgoing, Metrics);
    }

    /// <summary>The shield's metrics, on a meter of this harness's own (listen with <c>MeterListener</c> filtered on <see cref="SupportShieldMetrics.Meter"/>).</summary>
    public SupportShieldMetrics Metrics { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    public VerificationOptions Options { get; } = new();
    public SequenceCodeGenerator Codes { get; }
    public InMemoryAccountDirectory Accounts { get; }

    /// <summary>The directory the shield reads: <see cref="Accounts"/> with contact changes made through the chat.</summary>
    public ContactChangingAccountDirectory Directory { get; }

    public ContactChangeStore ContactChanges { get; }
    public InMemoryConversationStore Conversations { get; } = new();
    public InMemoryHeldMessageStore Held { get; } = new();
    public InMemoryAgentTranscriptStore Transcript { get; } = new();
    public InMemoryAuditLog Audit { get; } = new();
    public RecordingEmailSender Email { get; } = new();

    /// <summary>Where owner notices go (kept apart from code emails so tests can count each).</summary>
    public RecordingEmailSender NoticeEmail { get; } = new();
    public RecordingSmsSender Sms { get; } = new();

    /// <summary>The host page's identity token settings: <see cref="IdentityKey"/>, issuer <see cref="IdentityIssuer"/>, no audience.</summary>
    public ChannelIdentityOptions IdentityOptions { get; } = new() { SigningKey = Convert.ToBase64String(IdentityKey), Issuer = IdentityIssuer };
    public MemoryStorage Storage { get; } = new();
    public KeyedHasher Hasher { get; }
    public VerificationStateMachine Machine { get; }
    public VerificationDialog Dialog { get; }
    public SupportShieldMiddleware Middleware { get; }
    public DisclosureLockStore Locks { get; }
    public DisclosureLockOptions LockOptions { get; } = new();
    public OwnerNotifier Notifier { get; }

    /// <summary>A test adapter with the middleware, for conversation <paramref name="conversationId"/>.</summary>
    public TestAdapter CreateAdapter(string conversationId = "conv-1")
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversationId));
        adapter.Use(Middleware);
        return adapter;
    }

    /// <summary>Makes the conversation known and links it to Jane's account, as an agent would.</summary>
    public async Task LinkJaneAsync(TestAdapter adapter)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        await Conversations.SaveReferenceAsync(adapter.Conversation);
        await Conversations.LinkAccountAsync(adapter.Conversation.Conversation.Id, Jane.Id);
    }
}
