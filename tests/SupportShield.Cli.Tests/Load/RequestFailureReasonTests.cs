using System.Net.Http;
using System.Net.Sockets;
using SupportShield.Cli.Load;

namespace SupportShield.Cli.Tests.Load;

public sealed class RequestFailureReasonTests
{
    [TestCase(SocketError.ConnectionRefused, "connection refused")]
    [TestCase(SocketError.TimedOut, "connection timed out")]
    [TestCase(SocketError.HostUnreachable, "host unreachable")]
    [TestCase(SocketError.ConnectionReset, "connection reset")]
    public void Of_AFailedConnection_NamesTheSocketError(SocketError error, string reason)
    {
        var exception = new HttpRequestException(HttpRequestError.ConnectionError, "failed", new SocketException((int)error));

        Assert.That(RequestFailureReason.Of(exception), Is.EqualTo(reason));
    }

    [TestCase(HttpRequestError.ResponseEnded, "connection closed without an answer")]
    [TestCase(HttpRequestError.NameResolutionError, "host name not found")]
    [TestCase(HttpRequestError.InvalidResponse, "not an HTTP answer")]
    public void Of_AFailureWithoutASocketError_NamesTheRequestError(HttpRequestError error, string reason)
    {
        Assert.That(RequestFailureReason.Of(new HttpRequestException(error, "failed")), Is.EqualTo(reason));
    }

    [Test]
    public void NoAnswerWithin_SaysTheTimeoutInSeconds()
    {
        Assert.That(RequestFailureReason.NoAnswerWithin(TimeSpan.FromMilliseconds(1500)), Is.EqualTo("no answer within 1.5 s"));
    }
}
