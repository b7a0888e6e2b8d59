using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Storage.Sqlite;

namespace SupportShield.Bot.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "supportshield-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A database file path inside the folder, in a subfolder that does not exist yet.</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, "data", "supportshield.db");

    /// <summary>Opens (a new instance on) the folder's database file, as a restarted process would.</summary>
    public SqliteDatabase OpenDatabase(TimeProvider? timeProvider = null)
    {
        var database = new SqliteDatabase(
            Options.Create(new SqliteStorageOptions { SqlitePath = DatabasePath }),
            timeProvider ?? TimeProvider.System);
        database.Initialize();
        return database;
    }

    public string WriteFile(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
