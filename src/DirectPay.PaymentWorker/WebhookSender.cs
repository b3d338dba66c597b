using System.Security.Cryptography;
using System.Text;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.PaymentWorker;

public sealed class WebhookOptions
{
    /// <summary>The first retry's delay; each next one doubles, for up to three days.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>An endpoint failing this many deliveries in a row is disabled.</summary>
    public int DisableAfter { get; set; } = 50;
    /// <summary>Internal hosts webhooks may still reach (development and tests only); otherwise SSRF-guarded.</summary>
    public string[] AllowedPrivateHosts { get; set; } = [];
}

/// <summary>
/// Sends due webhook deliveries, each in its own transaction (SKIP LOCKED across replicas), signed
/// <c>DirectPay-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with the endpoint's secret&gt;</c>.
/// A failure is retried with exponential backoff; the delivery's id is the event id receivers de-duplicate by.
/// </summary>
public sealed partial class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, TimeProvider clock,
    IOptions<WebhookOptions> options, ILogger<WebhookSender> logger) : Poller(clock, logger)
{
    public const string HttpClientName = "webhooks";

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(200);

    protected override async Task PollAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var now = Clock.GetUtcNow();
        var due = await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(50).ToListAsync(ct);
        foreach (var id in due) await SendAsync(id, ct);
    }

    private async Task SendAsync(Guid deliveryId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var delivery = await db.WebhookDeliveries
            .FromSql($"SELECT * FROM webhook_deliveries WHERE id = {deliveryId} AND status = 'pending' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (delivery is null) return;
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == delivery.EndpointId, ct);

        var (status, error) = endpoint.IsEnabled ? await PostAsync(endpoint, delivery, ct) : (null, "The endpoint is disabled.");
        var now = Clock.GetUtcNow();
        if (status is >= 200 and < 300)
        {
            delivery.Succeeded(status.Value, now);
            endpoint.Delivered();
        }
        else
        {
            delivery.AttemptFailed(status, error ?? $"HTTP {status}", options.Value.FirstRetryAfter, now);
            if (endpoint.IsEnabled) endpoint.Failed(options.Value.DisableAfter);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogAttempt(logger, delivery.Id, endpoint.Id, delivery.Attempts, status);
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken ct)
    {
        // Checked again at each send: a name that resolved to a public address at registration may not any more.
        if (await WebhookTargets.WhyNotAsync(endpoint.Url, options.Value.AllowedPrivateHosts, ct) is { } refused) return (null, refused);
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("DirectPay-Signature", $"t={timestamp},v1={Sign(endpoint.Secret, timestamp, delivery.Payload)}");
        request.Headers.Add("DirectPay-Event-Id", delivery.Id.ToString());
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
            return ((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, e.Message);
        }
    }

    public static string Sign(string secret, long timestamp, string body) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"))).ToLowerInvariant();

    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId} to endpoint {EndpointId}, attempt {Attempt}: {Status}")]
    private static partial void LogAttempt(ILogger logger, Guid deliveryId, Guid endpointId, int attempt, int? status);
}
