namespace DirectPay.AppHost;

internal static class BankingCalendar
{
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
