namespace DirectPay.Tests.EndToEnd;

/// <summary>The worker is asynchronous: tests poll for what must happen, within a deadline that fails the test.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition, string failure, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Deadline);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
