using System.Diagnostics;
using System.Reflection;

namespace SupportShield.Deployment.Tests.Support;

/// <summary>Runs the Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (offline).</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string TemplatesDirectory => Metadata("DeploymentTemplatesDirectory");

    public static string MainBicep => Path.Combine(TemplatesDirectory, "main.bicep");

    public static string ExecutablePath
    {
        get
        {
            var path = Metadata("BicepCliPath");
            if (!File.Exists(path))
            {
                Assert.Fail($"The Bicep CLI is missing at {path}; restore the test project (PackageDownload Azure.Bicep.CommandLine.linux-x64).");
            }

            // The package is the linux-x64 build, the kind of machine this project builds and tests on.
            if (!OperatingSystem.IsLinux())
            {
                Assert.Fail("The Bicep CLI package referenced here is the linux-x64 build; run these tests on Linux x64.");
            }
            else
            {
                MakeExecutable(path);
            }

            return path;
        }
    }

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took longer than {Timeout}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    // NuGet extracts package files without their execute bit.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void MakeExecutable(string path)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is empty.");
}
