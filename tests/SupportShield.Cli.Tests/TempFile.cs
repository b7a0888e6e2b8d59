using System.Text;

namespace SupportShield.Cli.Tests;

/// <summary>A UTF-8 file in the temp folder, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"supportshield-cli-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(Path, content, new UTF8Encoding(false));
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
