using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;

namespace DirectPay.AppHost.Infrastructure;

/// <summary>The machine's own redis-server, with AOF on so the payment stream survives a restart.</summary>
internal sealed class LocalRedisResource(string name, string command, string workingDirectory, ParameterResource password)
    : LocalServerResource(name, command, workingDirectory, password)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Endpoint.Property(EndpointProperty.HostAndPort)},password={Password}");
}

[UnsupportedOSPlatform("windows")]
internal static class LocalRedisExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, string dataDir)
    {
        var redisServer = LocalProcess.FindOnPath("redis-server") ?? throw new MissingToolException(
            "DirectPay runs Redis itself when no container engine answers, and found no redis-server on PATH. " +
            "Install it (Debian: apt-get install redis-server), or start Docker.");
        var password = builder.AddParameter($"{name}-password",
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        var configFile = Path.Combine(dataDir, "redis.conf");

        var resource = new LocalRedisResource(name, redisServer, builder.AppHostDirectory, password.Resource);
        return builder.AddResource(resource)
            .WithEndpoint(name: LocalServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithConnectionHealthCheck((checks, connectionString, check) => checks.AddRedis(connectionString, name: check))
            .OnBeforeResourceStarted(async (_, _, ct) =>
            {
                // The password goes in a 0600 file, not on the command line where ps would show it.
                Directory.CreateDirectory(dataDir);
                await File.WriteAllTextAsync(configFile, $"""
                    bind 127.0.0.1
                    protected-mode yes
                    dir "{dataDir}"
                    appendonly yes
                    appendfsync everysec
                    requirepass {await password.Resource.GetValueAsync(ct)}
                    """, ct);
                File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            });
    }
}
