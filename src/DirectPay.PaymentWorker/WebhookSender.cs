using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Webhooks;
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
    /// <summary>How long one attempt may take, connection to answer's headers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Sends in flight in this process, and to any one endpoint, so a slow endpoint holds up only its own.</summary>
    public int MaxConcurrentSends { get; set; } = 32;
    public int MaxConcurrentSendsPerEndpoint { get; set; } = 2;
}

/// <summary>
/// Sends due webhook deliveries signed <c>DirectPay-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with
/// the endpoint's secret&gt;</c>. Each is claimed (SKIP LOCKED across replicas, then moved out of the due window),
/// sent outside any transaction, and its answer recorded; a worker that dies mid-send leaves a claim that runs out and
/// is sent again, with the same event id receivers de-duplicate by.
/// </summary>
public sealed partial class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, TimeProvider clock,
    IOptions<WebhookOptions> options, ILogger<WebhookSender> logger) : Poller(clock, logger)
{
    public const string HttpClientName = "webhooks";

    private readonly ConcurrentDictionary<Guid, Task> _inFlight = new();
    private readonly ConcurrentDictionary<Guid, int> _inFlightPerEndpoint = new();

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(200);

    private WebhookOptions Options => options.Value;

    /// <summary>A claim outlasts the attempt, so no other replica sends the delivery while this one is.</summary>
    private TimeSpan ClaimFor => Options.Timeout * 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await base.ExecuteAsync(stoppingToken);
        }
        finally
        {
            await Task.WhenAll(_inFlight.Values); // sends begun end before the worker does; unrecorded ones are sent again
        }
    }

    protected override async Task PollAsync(CancellationToken ct)
    {
        var free = Options.MaxConcurrentSends - _inFlight.Count;
        if (free <= 0) return;
        foreach (var (delivery, endpoint) in await ClaimAsync(free, ct))
        {
            _inFlightPerEndpoint.AddOrUpdate(endpoint.Id, 1, (_, n) => n + 1);
            // Registered before it runs, under a key of its own, so its end always finds and removes its entry.
            var claim = Guid.NewGuid();
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _inFlight[claim] = Task.Run(async () =>
            {
                await registered.Task;
                await SendAsync(claim, delivery, endpoint, ct);
            }, CancellationToken.None);
            registered.SetResult();
        }
    }

    private async Task<List<(WebhookDelivery, WebhookEndpoint)>> ClaimAsync(int free, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Clock.GetUtcNow();
        var cap = Options.MaxConcurrentSendsPerEndpoint;
        var busy = _inFlightPerEndpoint.Where(e => e.Value >= cap).Select(e => e.Key).ToArray();
        // The oldest few of each endpoint, so one endpoint's backlog never hides the others' deliveries.
        var due = await db.WebhookDeliveries.FromSql($"""
            SELECT * FROM webhook_deliveries WHERE id IN (
                SELECT id FROM (
                    SELECT id, row_number() OVER (PARTITION BY endpoint_id ORDER BY next_attempt_at) AS nth
                    FROM webhook_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= {now} AND NOT (endpoint_id = ANY({busy}))) ranked
                WHERE nth <= {cap})
            ORDER BY next_attempt_at LIMIT {free * 2} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        var endpointIds = due.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);

        var claimed = new List<(WebhookDelivery, WebhookEndpoint)>();
        var taken = new Dictionary<Guid, int>();
        foreach (var delivery in due)
        {
            var forEndpoint = taken.GetValueOrDefault(delivery.EndpointId) + _inFlightPerEndpoint.GetValueOrDefault(delivery.EndpointId);
            if (claimed.Count == free || forEndpoint >= Options.MaxConcurrentSendsPerEndpoint) continue;
            taken[delivery.EndpointId] = taken.GetValueOrDefault(delivery.EndpointId) + 1;
            delivery.Claim(now + ClaimFor);
            claimed.Add((delivery, endpoints[delivery.EndpointId]));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return claimed;
    }

    private async Task SendAsync(Guid claim, WebhookDelivery claimed, WebhookEndpoint endpoint, CancellationToken ct)
    {
        try
        {
            var (status, error) = endpoint.IsEnabled ? await PostAsync(endpoint, claimed, ct) : (null, "The endpoint is disabled.");
            await RecordAsync(claimed.Id, status, error, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSendFailed(logger, e, claimed.Id); // the claim runs out and the delivery is sent again
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _inFlight.TryRemove(claim, out _);
            _inFlightPerEndpoint.AddOrUpdate(endpoint.Id, 0, (_, n) => n - 1);
        }
    }

    private async Task RecordAsync(Guid deliveryId, int? status, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var delivery = await db.WebhookDeliveries
            .FromSql($"SELECT * FROM webhook_deliveries WHERE id = {deliveryId} AND status = 'pending' FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (delivery is null) return; // its endpoint was deleted meanwhile
        var endpoint = await db.WebhookEndpoints
            .FromSql($"SELECT * FROM webhook_endpoints WHERE id = {delivery.EndpointId} FOR NO KEY UPDATE").SingleAsync(ct);
        var now = Clock.GetUtcNow();
        if (status is >= 200 and < 300)
        {
            delivery.Succeeded(status.Value, now);
            endpoint.Delivered();
        }
        else
        {
            delivery.AttemptFailed(status, error ?? $"HTTP {status}", Options.FirstRetryAfter, now);
            if (endpoint.IsEnabled) endpoint.Failed(Options.DisableAfter);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogAttempt(logger, delivery.Id, endpoint.Id, delivery.Attempts, status);
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout); // the name's resolution included: a send never outlives its claim
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("DirectPay-Signature", $"t={timestamp},v1={Sign(endpoint.Secret, timestamp, delivery.Payload)}");
        request.Headers.Add("DirectPay-Event-Id", delivery.Id.ToString());
        try
        {
            // Checked again at each send for a clear error; the connection itself refuses any address that is not public.
            if (await WebhookTargets.WhyNotAsync(endpoint.Url, Options.AllowedPrivateHosts, timeout.Token) is { } refused) return (null, refused);
            // Only the status matters; the body is never read, however large.
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"No answer within {Options.Timeout.TotalSeconds:0.#} s.");
        }
    }

    public static string Sign(string secret, long timestamp, string body) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"))).ToLowerInvariant();

    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId} to endpoint {EndpointId}, attempt {Attempt}: {Status}")]
    private static partial void LogAttempt(ILogger logger, Guid deliveryId, Guid endpointId, int attempt, int? status);

    [LoggerMessage(LogLevel.Warning, "Webhook delivery {DeliveryId} could not be recorded; it is sent again when its claim runs out")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid deliveryId);
}
