using SupportShield.Bot.Storage.ReadScope;

namespace SupportShield.Bot.Tests.Storage.ReadScope;

public sealed class StorageReadScopeTests
{
    [Test]
    public void Current_OutsideAnyScope_IsNull()
    {
        Assert.That(StorageReadScope.Current, Is.Null);
    }

    [Test]
    public async Task Current_InsideAScope_IsItAcrossAwaits_AndNullAfterItsDispose()
    {
        using (var scope = StorageReadScope.Begin())
        {
            scope.Set("k", "v");
            await Task.Yield();
            Assert.That(StorageReadScope.Current, Is.SameAs(scope));
            Assert.That(StorageReadScope.Current!.TryGet<string>("k", out var kept), Is.True);
            Assert.That(kept, Is.EqualTo("v"));
        }

        Assert.That(StorageReadScope.Current, Is.Null);
    }

    [Test]
    public void Nested_Dispose_ReturnsToTheOuterScope()
    {
        using var outer = StorageReadScope.Begin();
        using (StorageReadScope.Begin())
        {
            Assert.That(StorageReadScope.Current, Is.Not.SameAs(outer));
        }

        Assert.That(StorageReadScope.Current, Is.SameAs(outer));
    }

    [Test]
    public async Task WorkStartedInAScope_ThatOutlivesIt_StopsUsingIt()
    {
        var release = new TaskCompletionSource();
        Task<StorageReadScope?> background;
        using (var scope = StorageReadScope.Begin())
        {
            scope.Set("k", "v");
            background = Task.Run(async () =>
            {
                await release.Task;
                return StorageReadScope.Current;
            });
        }

        release.SetResult();
        Assert.That(await background, Is.Null, "a background push started by a turn must not read the turn's cache after it ended");
    }

    [Test]
    public void TryGet_OfAnotherType_OrForgotten_FindsNothing()
    {
        using var scope = StorageReadScope.Begin();
        scope.Set("a", "text");
        scope.Set("b", "text");

        Assert.That(scope.TryGet<int[]>("a", out _), Is.False);
        scope.Forget("a");
        Assert.That(scope.TryGet<string>("a", out _), Is.False);
        scope.ForgetAll();
        Assert.That(scope.TryGet<string>("b", out _), Is.False);
    }

    [Test]
    public void Set_BeyondMaxEntries_KeepsNoMore_ButStillReplacesWhatItKeeps()
    {
        using var scope = StorageReadScope.Begin();
        for (var i = 0; i < StorageReadScope.MaxEntries; i++)
        {
            scope.Set("k" + i, "v");
        }

        scope.Set("one-too-many", "v");
        scope.Set("k0", "w");

        Assert.That(scope.TryGet<string>("one-too-many", out _), Is.False);
        Assert.That(scope.TryGet<string>("k0", out var replaced) && replaced == "w", Is.True);
    }
}
