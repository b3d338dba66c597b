using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DirectPay.Api.Infrastructure;

/// <summary>A fixed window: this many requests per window.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }

    public FixedWindowRateLimiterOptions ToOptions() =>
        new() { PermitLimit = PermitLimit, Window = Window, QueueLimit = 0, AutoReplenishment = true };
}

/// <summary>Section "RateLimits": the built-in rate limiter's limits, per user for writes and per IP and email for sign-in.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests other than GET/HEAD, per signed-in user.</summary>
    public WindowLimit WritesPerUser { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };
    /// <summary>Token requests and sign-ups, per client IP address.</summary>
    public WindowLimit SignInsPerIp { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    /// <summary>
    /// Token requests per email from one client address: slows password guessing against one account without letting
    /// a guesser elsewhere lock its owner out.
    /// </summary>
    public WindowLimit SignInsPerEmail { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(5) };
}

internal static class RateLimits
{
    /// <summary>The policy on sign-up and token requests (anonymous): per client IP.</summary>
    public const string SignIn = "sign-in";

    public static WebApplicationBuilder AddDirectPayRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = WritesPerUser(settings);
            o.AddPolicy(SignIn, SignInsPerIp(settings));
            o.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease, ct);
        });
        return builder;
    }

    /// <summary>Writes by a signed-in user, partitioned by their id; reads and anonymous requests are not counted here.</summary>
    public static PartitionedRateLimiter<HttpContext> WritesPerUser(RateLimitSettings settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || http.User.FindFirstValue(JwtRegisteredClaimNames.Sub) is not { } userId
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter(userId, _ => settings.WritesPerUser.ToOptions()));

    public static Func<HttpContext, RateLimitPartition<string>> SignInsPerIp(RateLimitSettings settings) => http =>
        RateLimitPartition.GetFixedWindowLimiter(ClientAddresses.PartitionOf(http.Connection.RemoteIpAddress),
            _ => settings.SignInsPerIp.ToOptions());

    /// <summary>429 as problem+json, with Retry-After in seconds when the limiter knows it.</summary>
    public static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: "Slow down: try again after the Retry-After seconds.").ExecuteAsync(http);
    }
}

/// <summary>
/// Token requests per email and client address together (the email is in the body, so the handler asks, not the
/// middleware); the per-address policy still bounds one client across emails.
/// </summary>
internal sealed class LoginThrottle(RateLimitSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<(string, string)> _limiter = PartitionedRateLimiter.Create<(string, string), (string, string)>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => settings.SignInsPerEmail.ToOptions()));

    public RateLimitLease TryAcquire(string normalizedEmail, IPAddress? client) =>
        _limiter.AttemptAcquire((normalizedEmail, ClientAddresses.PartitionOf(client)));

    public void Dispose() => _limiter.Dispose();
}
