using DirectPay.Data;
using DirectPay.Payments;
using DirectPay.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Keeps storage from only growing, once per period across every replica (the first to claim the period's row does
/// it): trims the payment stream of what every consumer group is done with, purges what <see cref="Retention"/>
/// keeps only for a while, and after a vault key rotation seals old rows again under the new key. Dead letters stay
/// until an operator has dealt with them.
/// </summary>
public sealed partial class Housekeeping(IServiceScopeFactory scopes, IConnectionMultiplexer redis, VaultProtector vault, TimeProvider clock,
    IOptions<PaymentWorkerOptions> options, ILogger<Housekeeping> logger) : Poller(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task PollAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var every = options.Value.HousekeepingEvery;
        var period = new DateTimeOffset(now.UtcTicks - now.UtcTicks % every.Ticks, TimeSpan.Zero);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO housekeeping_runs (period, started_at) VALUES ({period}, {now}) ON CONFLICT DO NOTHING", ct);
        if (claimed == 0) return; // another replica has this period

        var trimmed = await PaymentStream.TrimHandledAsync(redis.GetDatabase());
        var keys = await db.PurgeExpiredIdempotencyRecordsAsync(now, ct);
        var outbox = await db.PurgePublishedOutboxAsync(now, ct);
        var deliveries = await db.PurgeSettledWebhookDeliveriesAsync(now, ct);
        LogDone(logger, period, trimmed, keys, outbox, deliveries);
        await ResealAsync(db, ct);
    }

    /// <summary>After a key rotation, seals what an older key holds again under the current one, a batch at a time.</summary>
    private async Task ResealAsync(DirectPayDb db, CancellationToken ct)
    {
        var (total, remaining) = (0, 0);
        int resealed;
        do
        {
            (resealed, remaining) = await db.ResealAsync(vault, ct);
            total += resealed;
        } while (resealed > 0 && remaining > 0);
        if (total > 0 || remaining > 0) LogResealed(logger, total, vault.CurrentKeyId, remaining);
    }

    [LoggerMessage(LogLevel.Information, "Vault: {Resealed} rows sealed again under key {KeyId}; {Remaining} still under a key no longer current")]
    private static partial void LogResealed(ILogger logger, int resealed, string keyId, int remaining);

    [LoggerMessage(LogLevel.Information,
        "Housekeeping for {Period:O}: {Trimmed} stream entries trimmed; {Keys} idempotency records, {Outbox} outbox rows, {Deliveries} webhook deliveries purged")]
    private static partial void LogDone(ILogger logger, DateTimeOffset period, long trimmed, int keys, int outbox, int deliveries);
}
