using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Charges late fees: a renter's due still unpaid (counting the payments on their way) after the lease's grace period is
/// charged the policy's fee, once. The due's own "charged at" makes it once, whichever replica or round gets there.
/// </summary>
public sealed partial class LateFeeScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PaymentWorkerOptions> options,
    ILogger<LateFeeScheduler> logger) : Poller(clock, logger)
{
    protected override TimeSpan Interval => options.Value.RentSchedulersEvery;

    protected override async Task PollAsync(CancellationToken ct)
    {
        var today = DueDates.Today(Clock);
        // Pages through every lease by id, so no lease waits behind a thousand others picked every round.
        for (Guid? after = null; ;)
        {
            var leaseIds = await LateLeasesAsync(today, after, ct);
            await EachAsync(leaseIds, leaseId => ChargeAsync(leaseId, today, ct));
            if (leaseIds.Count < BatchSize) return;
            after = leaseIds[^1];
        }
    }

    /// <summary>
    /// Leases with a due unpaid and unassessed past its grace, collecting and with a late fee (payments on their way are
    /// counted under the lease's lock).
    /// </summary>
    private async Task<List<Guid>> LateLeasesAsync(DateOnly today, Guid? after, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        return await db.RentDues
            .Where(d => d.LateFeeChargedAt == null && d.RentPaid < d.Rent && d.LateAfter < today && (after == null || d.LeaseId > after)
                        && db.Leases.Any(l => l.Id == d.LeaseId && l.Policy.LateFeeType != LateFeeType.None
                                              && l.Schedule.Status == ScheduleStatus.Active))
            .Select(d => d.LeaseId).Distinct().OrderBy(id => id).Take(BatchSize).ToListAsync(ct);
    }

    private async Task ChargeAsync(Guid leaseId, DateOnly today, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lease = await db.TryLockLeaseAsync(leaseId, ct);
        if (lease is null || !lease.Schedule.IsCollecting || !lease.Policy.ChargesLateFees) return; // busy: the next round

        var now = Clock.GetUtcNow();
        var assessed = 0;
        foreach (var renter in lease.Renters)
        {
            var inFlight = await db.InFlightAsync(lease.Id, renter.RenterId, ct);
            foreach (var (due, _) in lease.DuesOf(renter.RenterId).Remaining(inFlight))
            {
                if (due.LateFeeChargedAt is not null || !due.IsLateOn(today)) continue;
                var period = lease.Dues.Where(d => d.Period == due.Period).OrderBy(d => d.RenterId).ToList();
                var fee = lease.Policy.LateFeeShares(period.Select(d => d.Rent).ToList())[period.IndexOf(due)];
                assessed++;
                if (!due.ChargeLateFee(fee, now)) continue;
                await db.EnqueueAsync(WebhookEventTypes.LateFeeCharged, [lease.LandlordId, due.RenterId], new Dictionary<string, object?>
                {
                    ["lease_id"] = lease.Id,
                    ["renter_id"] = due.RenterId,
                    ["period"] = $"{due.Period:yyyy-MM}",
                    ["due_date"] = due.DueDate,
                    ["late_fee"] = due.LateFee,
                    ["outstanding"] = due.Outstanding,
                }, now, ct);
                LogCharged(logger, lease.Id, due.RenterId, due.Period, due.LateFee);
            }
        }
        if (assessed == 0) return;
        lease.Schedule.Refresh(lease);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    [LoggerMessage(LogLevel.Information, "Lease {LeaseId}: renter {RenterId} charged a late fee of {LateFee} for {Period:yyyy-MM}")]
    private static partial void LogCharged(ILogger logger, Guid leaseId, Guid renterId, DateOnly period, decimal lateFee);
}
