using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Acts on the bank's answers to transfer orders when they are due: settles payments (SettlePayment.cs) and refunds
/// (SettleRefund.cs). Waiting is a due time in the database, never a sleeping handler; this loop wakes for
/// the earliest one, or at least every second (another replica may have set an earlier one). Each settles in its own
/// transaction, locked with SKIP LOCKED, several at once.
/// </summary>
public sealed partial class SettlementScheduler(IServiceScopeFactory scopes, BankTransfers transfers, TimeProvider clock,
    IOptions<PaymentWorkerOptions> options, ILogger<SettlementScheduler> logger) : DueTimeLoop
{
    private const int BatchSize = 100;
    private bool _failedThisRound;

    protected override async Task<TimeSpan?> RoundAsync(CancellationToken ct)
    {
        _failedThisRound = false;
        var next = await SettleDueAsync(ct);
        return next is { } due && !_failedThisRound ? due - clock.GetUtcNow() : null; // after a failure, back off a full second
    }

    protected override void RoundFailed(Exception exception) => LogSettlingFailed(logger, exception); // they stay in processing

    /// <summary>Settles what is due now; returns when the next answer is due, if any payment is processing.</summary>
    private async Task<DateTimeOffset?> SettleDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var now = clock.GetUtcNow();
        var due = await db.Payments.Where(p => p.Status == PaymentStatus.Processing && p.BankAnswerDueAt <= now)
            .OrderBy(p => p.BankAnswerDueAt).Select(p => p.Id).Take(BatchSize).ToListAsync(ct);
        await EachAsync(due, id => SettleAsync(id, ct));
        var dueRefunds = await db.Refunds.Where(r => r.Status == RefundStatus.Processing && r.BankAnswerDueAt <= now)
            .OrderBy(r => r.BankAnswerDueAt).Select(r => r.Id).Take(BatchSize).ToListAsync(ct);
        await EachAsync(dueRefunds, id => SettleRefundAsync(id, ct));

        DateTimeOffset?[] next =
        [
            await db.Payments.Where(p => p.Status == PaymentStatus.Processing).MinAsync(p => p.BankAnswerDueAt, ct),
            await db.Refunds.Where(r => r.Status == RefundStatus.Processing).MinAsync(r => r.BankAnswerDueAt, ct),
        ];
        return next.Min();
    }

    /// <summary>
    /// Several at once, each in its own transaction: one that fails (and stays due) does not hold up the others, and two
    /// for one lease wait for each other on its lock.
    /// </summary>
    private Task EachAsync(IEnumerable<Guid> ids, Func<Guid, Task> settle) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = options.Value.HandleConcurrency }, async (id, _) =>
        {
            try
            {
                await settle(id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _failedThisRound = true;
                LogOneFailed(logger, e, id);
            }
        });

    [LoggerMessage(LogLevel.Warning, "Settling {Id} failed; it stays due and is tried again")]
    private static partial void LogOneFailed(ILogger logger, Exception exception, Guid id);

    [LoggerMessage(LogLevel.Warning, "Settling payments failed; they are tried again")]
    private static partial void LogSettlingFailed(ILogger logger, Exception exception);
}
