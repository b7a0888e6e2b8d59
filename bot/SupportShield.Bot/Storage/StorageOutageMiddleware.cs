using System.Data.Common;

namespace SupportShield.Bot.Storage;

/// <summary>
/// Answers 503 with a JSON error, instead of a bare 500, when a request fails because the database (SQLite file or
/// PostgreSQL) cannot be reached or used. Nothing is sent on such a failure: a reply that cannot be screened and held
/// is not delivered, so the caller may simply try again once <c>/readyz</c> is ready.
/// </summary>
public sealed partial class StorageOutageMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<StorageOutageMiddleware> _logger;

    public StorageOutageMiddleware(RequestDelegate next, ILogger<StorageOutageMiddleware> logger)
    {
        _next = next ?? throw new ArgumentNullException(nameof(next));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs the rest of the pipeline and turns a storage failure into 503.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsStorageFailure(exception) && !context.Response.HasStarted)
        {
            // The exception type only: a database message may quote a value.
            LogStorageUnavailable(_logger, context.Request.Method, context.Request.Path, exception.GetType().Name);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsJsonAsync(
                new { error = "Storage is unavailable right now; nothing was sent. Try again shortly." },
                context.RequestAborted).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage unavailable during {Method} {Path}: {ExceptionType}; answered 503.")]
    private static partial void LogStorageUnavailable(ILogger logger, string method, PathString path, string exceptionType);

    /// <summary>A <see cref="DbException"/> (SqliteException, NpgsqlException), also when wrapped by the code that met it.</summary>
    internal static bool IsStorageFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException)
            {
                return true;
            }
        }

        return exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStorageFailure);
    }
}
