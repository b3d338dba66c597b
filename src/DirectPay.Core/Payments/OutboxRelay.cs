using DirectPay.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace DirectPay.Payments;

/// <summary>
/// Publishes committed outbox rows to the payment stream and marks them published. Whoever commits one nudges it; a
/// sweep every second publishes whatever a crash left behind (a row published twice is harmless: the worker's
/// transitions are conditional). Runs in every process that writes outbox rows, api and worker alike, so none waits
/// for another to be up; SKIP LOCKED shares the rows between them.
/// </summary>
public sealed partial class OutboxRelay(IServiceScopeFactory scopes, IConnectionMultiplexer redis, TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private readonly Wakeup _nudges = new();

    public void Nudge() => _nudges.Signal();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishBatchAsync(stoppingToken) == BatchSize) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPublishFailed(logger, e); // Redis or Postgres is away: the rows stay unpublished until the next sweep
            }
            await _nudges.WaitAsync(SweepInterval, stoppingToken);
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(ct);
        if (batch.Count == 0) return 0;

        var stream = redis.GetDatabase();
        // Issued together, the XADDs travel pipelined on the multiplexer.
        await Task.WhenAll(batch.Select(m =>
            stream.StreamAddAsync(PaymentStream.Key, new PaymentMessage(m.PaymentId, m.EventSequence, m.TraceParent, m.RefundId).ToEntries())));
        var ids = batch.Select(m => m.Id).ToList();
        var now = clock.GetUtcNow();
        await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(set => set.SetProperty(m => m.PublishedAt, now), ct);
        await transaction.CommitAsync(ct);

        await redis.GetSubscriber().PublishAsync(PaymentStream.Nudge, "", CommandFlags.FireAndForget);
        LogPublished(logger, batch.Count);
        return batch.Count;
    }

    [LoggerMessage(LogLevel.Debug, "Published {Count} payment messages")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Publishing the outbox failed; it is retried at the next sweep")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}

public static class OutboxRelayRegistration
{
    /// <summary>The relay as a hosted service, and as itself for those who nudge it.</summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services) => services
        .AddSingleton<OutboxRelay>()
        .AddHostedService(provider => provider.GetRequiredService<OutboxRelay>());
}
