using System.Net;
using System.Net.Sockets;

namespace SupportShield.Cli.Tests.Commands;

/// <summary><c>audit verify --postgres</c>: argument handling and an unreachable database (the chain check itself runs end to end).</summary>
public sealed class AuditCommandPostgresTests
{
    [Test]
    public void Verify_DbAndPostgresTogether_IsAUsageError()
    {
        var run = CliRun.Of("audit", "verify", "--db", "a.db", "--postgres", "Host=127.0.0.1");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("not both"));
    }

    [Test]
    public void Verify_PostgresUnreachable_ExitsTwoNamingHostNotPassword()
    {
        var run = CliRun.Of("audit", "verify", "--postgres", $"Host=127.0.0.1;Port={FreePort()};Database=shield;Username=auditor;Password=hunter2-secret;Timeout=3");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("postgres://127.0.0.1:").And.Contain("/shield"));
        Assert.That(run.Error + run.Out, Does.Not.Contain("hunter2-secret"));
    }

    [Test]
    public void Verify_MalformedConnectionString_ExitsTwo()
    {
        var run = CliRun.Of("audit", "verify", "--postgres", "this is not=a;valid;;=connection string");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("cannot read the audit log"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
