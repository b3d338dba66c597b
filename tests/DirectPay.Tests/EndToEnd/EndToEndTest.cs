using System.Net;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Every end-to-end scenario runs on the shared app, and after each one DirectPay's books must still prove out:
/// the admin's ledger check is asserted when the test ends, whatever the test did.
/// </summary>
public abstract class EndToEndTest(DirectPayApp app) : IAsyncLifetime
{
    protected DirectPayApp App { get; } = app;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var check = await (await (await App.AdminAsync()).GetAsync("/api/v1/admin/ledger/check")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(check.GetProperty("balanced").GetBoolean(), $"The ledger does not balance: {check}");
    }
}
