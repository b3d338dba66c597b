namespace DirectPay.AppHost;

internal static class BankingCalendar
{
    /// <summary>
    /// The instant banking time is counted from, kept beside the demo's data so a restarted demo goes on where its
    /// banking time was (both databases remember it) instead of starting it again from now; a new data folder, as each
    /// test run has, starts a new calendar.
    /// </summary>
    public static string Epoch(IDistributedApplicationBuilder builder)
    {
        var now = TimeProvider.System.GetUtcNow().ToString("O");
        if (builder.ExecutionContext.IsPublishMode) return now;
        var dataDir = Path.GetFullPath(builder.Configuration[Infrastructure.Infrastructure.DataDirKey] ?? Path.Combine(builder.AppHostDirectory, ".data"));
        var file = Path.Combine(dataDir, "banking-epoch");
        if (File.Exists(file) && DateTimeOffset.TryParse(File.ReadAllText(file).Trim(), out var kept)) return kept.ToString("O");
        Directory.CreateDirectory(dataDir);
        File.WriteAllText(file, now);
        return now;
    }

    /// <summary>
    /// Banking:Calendar:Speed and :Epoch for a service that keeps banking time, and the time scale, which compresses the
    /// calendar further in the tests; every such service is given the same three, so they agree what banking time it is.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBankingCalendar(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<ParameterResource> speed, string epoch, IResourceBuilder<ParameterResource> timeScale) => service
        .WithEnvironment("Banking__Calendar__Speed", speed)
        .WithEnvironment("Banking__Calendar__Epoch", epoch)
        .WithEnvironment("DirectPay__TimeScale", timeScale);
}
