using Microsoft.Extensions.DependencyInjection;

namespace DirectPay.AppHost.Infrastructure;

/// <summary>A server binary of this machine, run by DCP like any executable, reached through one tcp endpoint with a password.</summary>
internal abstract class LocalServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);
    public ParameterResource Password { get; } = password;

    public abstract ReferenceExpression ConnectionStringExpression { get; }
}

internal static class LocalServerResourceExtensions
{
    /// <summary>A health check (from AspNetCore.HealthChecks) fed the connection string once DCP has allocated the endpoint.</summary>
    public static IResourceBuilder<T> WithConnectionHealthCheck<T>(this IResourceBuilder<T> server,
        Action<IHealthChecksBuilder, Func<IServiceProvider, string>, string> addCheck) where T : LocalServerResource
    {
        var resource = server.Resource;
        string? connectionString = null;
        server.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, ct) =>
            connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct));
        var name = $"{resource.Name}_check";
        addCheck(server.ApplicationBuilder.Services.AddHealthChecks(),
            _ => connectionString ?? throw new InvalidOperationException($"{resource.Name} has no connection string yet."), name);
        return server.WithHealthCheck(name);
    }
}
