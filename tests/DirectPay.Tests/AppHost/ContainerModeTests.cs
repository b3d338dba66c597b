using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DirectPay.Tests.AppHost;

/// <summary>No container engine runs here, so container mode is checked as a model: built, never started.</summary>
public class ContainerModeTests
{
    [Fact]
    public async Task Container_mode_wires_postgres_redis_with_aof_api_worker_and_bank()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DirectPay_AppHost>(["DirectPay:Infra=containers"]);
        await using var app = await builder.BuildAsync();
        var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.ToDictionary(r => r.Name);

        Assert.IsType<PostgresServerResource>(resources[ResourceNames.Postgres]);
        Assert.IsType<PostgresDatabaseResource>(resources[ResourceNames.Database]);
        var bankDatabase = Assert.IsType<PostgresDatabaseResource>(resources[ResourceNames.BankDatabase]);
        Assert.Equal(ResourceNames.Postgres, bankDatabase.Parent.Name); // another database on the same server
        var redis = Assert.IsType<RedisResource>(resources[ResourceNames.Redis]);
        var args = new List<object>();
        foreach (var callback in redis.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
            await callback.Callback(new CommandLineArgsCallbackContext(args));
        Assert.Contains("--appendonly yes --appendfsync everysec", string.Join(' ', args.OfType<string>()));

        Assert.Equal([ResourceNames.Database, ResourceNames.Redis], ReferencesOf(resources[ResourceNames.Api]));
        Assert.Equal([ResourceNames.Database, ResourceNames.Redis], ReferencesOf(resources[ResourceNames.PaymentWorker]));
        Assert.Contains(resources[ResourceNames.PaymentWorker].Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == ResourceNames.Api);
        // Neither side reads the other's tables: only the bank holds the bank's database, and DirectPay reaches the bank by HTTP.
        Assert.Equal([ResourceNames.BankDatabase], ReferencesOf(resources[ResourceNames.Bank]));
        foreach (var service in new[] { ResourceNames.Api, ResourceNames.PaymentWorker })
            Assert.Contains(resources[service].Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Type == "Reference" && r.Resource.Name == ResourceNames.Bank);
    }

    private static string[] ReferencesOf(IResource resource) => resource.Annotations.OfType<ResourceRelationshipAnnotation>()
        .Where(r => r.Type == "Reference" && r.Resource is IResourceWithConnectionString).Select(r => r.Resource.Name).Distinct().Order().ToArray();
}
