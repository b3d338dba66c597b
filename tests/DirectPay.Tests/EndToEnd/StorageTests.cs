using System.Net;
using DirectPay.Data;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace DirectPay.Tests.EndToEnd;

/// <summary>Storage that would only grow is trimmed and purged, never of anything still needed.</summary>
[Collection(AppCollection.Name)]
public class StorageTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task A_trim_removes_only_what_every_group_acknowledged_and_a_pending_entry_survives()
    {
        var redis = App.Redis.GetDatabase();
        var key = $"directpay:test:{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add((string)(await redis.StreamAddAsync(key, "n", i))!);
        Assert.Equal(0, await PaymentStream.TrimHandledAsync(redis, key)); // no group has read it: all backlog

        await redis.StreamCreateConsumerGroupAsync(key, "workers", "0-0");
        var read = await redis.StreamReadGroupAsync(key, "workers", "w1", ">", count: 3);
        await redis.StreamAcknowledgeAsync(key, "workers", read[0].Id);
        await redis.StreamCreateConsumerGroupAsync(key, "auditors", "$"); // a group that joined late has read nothing before

        Assert.Equal(1, await PaymentStream.TrimHandledAsync(redis, key));
        Assert.Equal(ids.Skip(1), (await redis.StreamRangeAsync(key)).Select(e => (string)e.Id!));
        var pending = await redis.StreamPendingMessagesAsync(key, "workers", 10, RedisValue.Null);
        Assert.Equal(ids.Skip(1).Take(2), pending.Select(p => (string)p.MessageId!));
        await redis.KeyDeleteAsync(key);
    }

    [Fact]
    public async Task After_a_purge_a_replay_of_an_expired_key_is_a_new_request()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var (purged, lapsed) = ($"purge-{Guid.NewGuid():N}", $"lapse-{Guid.NewGuid():N}");
        foreach (var key in new[] { purged, lapsed })
            await (await scenario.PayAsync(scenario.Body(amount: 10.00m), headerKey: key)).ReadJsonAsync(HttpStatusCode.Created);
        await App.ScalarAsync<int>(
            "UPDATE idempotency_records SET expires_at = now() - interval '1 minute' WHERE key = ANY($1) RETURNING 1", (object)new[] { purged, lapsed });

        await using var db = new DirectPayDb(new DbContextOptionsBuilder<DirectPayDb>().UseDirectPay(App.DatabaseConnectionString, TimeProvider.System).Options);
        await db.IdempotencyRecords.Where(r => r.Key == lapsed).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.True(await db.PurgeExpiredIdempotencyRecordsAsync(DateTimeOffset.UtcNow, CancellationToken.None) >= 1);
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM idempotency_records WHERE key = $1", purged));
        await db.IdempotencyRecords.Where(r => r.Key == lapsed).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));

        // Another body with the same key: a new payment, not "this key was used for a different request".
        foreach (var key in new[] { purged, lapsed }) // purged, and expired but not purged yet
        {
            var again = await scenario.PayAsync(scenario.Body(amount: 20.00m), headerKey: key);
            Assert.False(again.Headers.Contains("Idempotent-Replayed"));
            Assert.Equal(20.00m, (await again.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("amount").GetDecimal());
        }
        Assert.Equal(4L, await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", scenario.LeaseId));
    }
}
