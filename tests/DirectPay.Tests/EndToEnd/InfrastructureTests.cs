using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class InfrastructureTests(DirectPayApp app) : EndToEndTest(app)
{
    [Theory]
    [InlineData(ResourceNames.Postgres)]
    [InlineData(ResourceNames.Redis)]
    [InlineData(ResourceNames.Api)]
    [InlineData(ResourceNames.PaymentWorker)]
    public async Task Every_service_runs_healthy(string resource)
    {
        var instances = await App.InstancesAsync(resource);
        Assert.Equal(resource == ResourceNames.PaymentWorker ? DirectPayApp.WorkerReplicas : 1, instances.Count);
        foreach (var instance in instances)
        {
            Assert.True(App.Notifications.TryGetCurrentState(instance, out var state), $"{instance} is not in the App model");
            Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
            Assert.Equal(HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public async Task The_dashboard_links_the_api_to_its_scalar_reference()
    {
        Assert.True(App.Notifications.TryGetCurrentState(ResourceNames.Api, out var api));
        var link = Assert.Single(api.Snapshot.Urls, u => u.DisplayProperties.DisplayName == "API reference (Scalar)");
        Assert.EndsWith("/scalar/v1", link.Url);
        var page = await App.Http.GetAsync(new Uri(link.Url).PathAndQuery);
        Assert.True(page.IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_worker_reports_its_database_and_redis_health()
    {
        using var worker = App.CreateHttpClient(ResourceNames.PaymentWorker);
        var health = await worker.GetAsync(HealthPaths.Health);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Local_redis_keeps_an_append_only_file()
    {
        var server = App.Redis.GetServers().Single();
        var appendOnly = (await server.ConfigGetAsync("appendonly")).Single();
        Assert.Equal("yes", appendOnly.Value);
        Assert.Equal("everysec", (await server.ConfigGetAsync("appendfsync")).Single().Value);
    }
}
