using SupportShield.Bot.FalsePositives;

namespace SupportShield.Bot.Storage;

/// <summary>False-positive reports for ops.</summary>
public interface IFalsePositiveStore
{
    /// <summary>Stores a report.</summary>
    Task AddAsync(FalsePositiveReport report, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> reports, newest first.</summary>
    Task<IReadOnlyList<FalsePositiveReport>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
