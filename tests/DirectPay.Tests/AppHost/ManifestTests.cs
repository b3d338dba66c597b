using System.Text.Json;

namespace DirectPay.Tests.AppHost;

/// <summary>
/// The deployment manifest (Aspire's built-in manifest publisher) is what a container orchestrator is given: containers
/// for postgres and redis, the database, and the two services wired to them, with secrets as parameters.
/// </summary>
public class ManifestTests
{
    [Fact]
    public async Task The_manifest_has_postgres_the_databases_redis_the_api_the_worker_and_the_bank_with_their_references()
    {
        var folder = Directory.CreateTempSubdirectory("directpay-manifest-");
        try
        {
            var file = Path.Combine(folder.FullName, "aspire-manifest.json");
            var (exitCode, output) = await AppHostProcess.RunAsync(null, "--publisher", "manifest", "--output-path", file);
            Assert.True(exitCode == 0, output);
            var resources = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.GetProperty("resources");

            // Containers whatever this machine has: a manifest never names the machine's own postgres or redis-server.
            Assert.StartsWith("container.", Text(resources, "postgres", "type"));
            Assert.Contains("postgres", Text(resources, "postgres", "image"));
            Assert.StartsWith("container.", Text(resources, "redis", "type"));
            Assert.Contains("redis", Text(resources, "redis", "image"));
            Assert.Equal("{postgres.connectionString};Database=directpay", Text(resources, ResourceNames.Database, "connectionString"));
            Assert.Equal("{postgres.connectionString};Database=bank", Text(resources, ResourceNames.BankDatabase, "connectionString"));
            Assert.Equal("project.v0", Text(resources, ResourceNames.Bank, "type"));
            var bank = resources.GetProperty(ResourceNames.Bank).GetProperty("env");
            Assert.Equal($"{{{ResourceNames.BankDatabase}.connectionString}}", bank.GetProperty($"ConnectionStrings__{ResourceNames.BankDatabase}").GetString());
            Assert.False(bank.TryGetProperty($"ConnectionStrings__{ResourceNames.Database}", out _), "The bank must not reach DirectPay's database.");
            Assert.Equal("{bank-api-key.value}", bank.GetProperty("Bank__ApiKey").GetString());
            Assert.DoesNotContain(bank.EnumerateObject(), e => e.Name.StartsWith("Vault__", StringComparison.Ordinal)); // the bank never opens the vault

            foreach (var service in new[] { ResourceNames.Api, ResourceNames.PaymentWorker })
            {
                Assert.Equal("project.v0", Text(resources, service, "type"));
                var env = resources.GetProperty(service).GetProperty("env");
                Assert.Equal($"{{{ResourceNames.Database}.connectionString}}", env.GetProperty($"ConnectionStrings__{ResourceNames.Database}").GetString());
                Assert.Equal($"{{{ResourceNames.Redis}.connectionString}}", env.GetProperty($"ConnectionStrings__{ResourceNames.Redis}").GetString());
                Assert.False(env.TryGetProperty($"ConnectionStrings__{ResourceNames.BankDatabase}", out _), $"{service} must not reach the bank's database.");
                Assert.Equal("{bank-api-key.value}", env.GetProperty("Bank__ApiKey").GetString());
                Assert.Equal("{vault-key.value}", env.GetProperty("Vault__Keys__k1").GetString());
                Assert.Equal("k1", env.GetProperty("Vault__CurrentKeyId").GetString());
            }
            var api = resources.GetProperty(ResourceNames.Api).GetProperty("env");
            Assert.Equal("{jwt-signing-key.value}", api.GetProperty("Jwt__SigningKey").GetString());
            Assert.Equal("{admin-password.value}", api.GetProperty("DirectPay__Admin__Password").GetString());
            Assert.Equal("{time-scale.value}", resources.GetProperty(ResourceNames.PaymentWorker).GetProperty("env").GetProperty("DirectPay__TimeScale").GetString());

            // Secrets are parameters the deployment supplies, marked secret; no value of theirs is in the file.
            foreach (var secret in new[] { "jwt-signing-key", "admin-password", "bank-api-key", "vault-key", "postgres-password", "redis-password" })
            {
                Assert.Equal("parameter.v0", Text(resources, secret, "type"));
                Assert.True(resources.GetProperty(secret).GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean(), secret);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string? Text(JsonElement resources, string resource, string property) =>
        resources.TryGetProperty(resource, out var found) && found.TryGetProperty(property, out var value) ? value.GetString()
            : throw new Xunit.Sdk.XunitException($"The manifest has no {resource}.{property}.");
}
