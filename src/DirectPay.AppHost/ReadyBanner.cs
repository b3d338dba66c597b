using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DirectPay.AppHost;

/// <summary>
/// Once every resource (each worker replica too) runs healthy, says where to look: the dashboard's login link, the api,
/// its Scalar reference, and how long the start took. To the console only, not the logs: the link holds the
/// dashboard's login token, as Aspire's own "Login to the dashboard" line does.
/// </summary>
internal static class ReadyBanner
{
    private static readonly string[] Services = [ResourceNames.Postgres, ResourceNames.Redis, ResourceNames.Api, ResourceNames.PaymentWorker];

    public static void PrintWhenHealthy(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api)
    {
        if (builder.ExecutionContext.IsPublishMode) return;
        var sinceStart = Stopwatch.StartNew();
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((created, ct) =>
        {
            var stopping = created.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = PrintAsync(created.Services.GetRequiredService<ResourceNotificationService>(), created.Model, api.Resource,
                builder.Configuration, sinceStart, stopping);
            return Task.CompletedTask;
        });
    }

    private static async Task PrintAsync(ResourceNotificationService notifications, DistributedApplicationModel model,
        ProjectResource api, IConfiguration configuration, Stopwatch sinceStart, CancellationToken stopping)
    {
        // Each resource's instances (a replica each) by their own states: healthy when all of them are.
        var instances = model.Resources.Where(r => Services.Contains(r.Name))
            .ToDictionary(r => r.Name, r => r.Annotations.OfType<ReplicaAnnotation>().SingleOrDefault()?.Replicas ?? 1);
        var healthy = new Dictionary<string, (string Resource, bool Healthy)>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping))
            {
                healthy[update.ResourceId] = (update.Resource.Name, update.Snapshot.State?.Text == KnownResourceStates.Running
                                                                   && update.Snapshot.HealthStatus == HealthStatus.Healthy);
                if (instances.All(r => healthy.Values.Count(h => h.Resource == r.Key && h.Healthy) >= r.Value)) break;
            }
        }
        catch (OperationCanceledException)
        {
            return; // stopped before it was ever healthy
        }

        var apiUrl = api.GetEndpoint("http").Url;
        Console.WriteLine($"""

            DirectPay is up: every resource healthy {sinceStart.Elapsed.TotalSeconds:0.0} s after the start.
              Dashboard  {DashboardLogin(configuration)}
              API        {apiUrl}
              Scalar     {apiUrl}/scalar/v1

            """);
    }

    /// <summary>The dashboard's address (the launch profile's applicationUrl) with its login token, as Aspire prints it.</summary>
    private static string DashboardLogin(IConfiguration configuration)
    {
        var url = configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "(no dashboard)";
        return configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"{url}/login?t={token}" : url;
    }
}
