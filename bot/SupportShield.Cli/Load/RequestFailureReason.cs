using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;

namespace SupportShield.Cli.Load;

/// <summary>Why a request to a host instance got no answer, in a few words for the run's messages.</summary>
public static class RequestFailureReason
{
    /// <summary>The reason of a request that failed before any answer (refused, reset, name not found…).</summary>
    public static string Of(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (FindSocketError(exception) is { } socket)
        {
            return socket switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.TimedOut => "connection timed out",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound => "host unreachable",
                SocketError.ConnectionReset or SocketError.ConnectionAborted => "connection reset",
                _ => "connection failed (" + socket + ")",
            };
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host name not found",
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.ResponseEnded => "connection closed without an answer",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.InvalidResponse => "not an HTTP answer",
            _ => exception.Message,
        };
    }

    /// <summary>The reason of a request that was not answered within <paramref name="timeout"/>.</summary>
    public static string NoAnswerWithin(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s");

    private static SocketError? FindSocketError(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
