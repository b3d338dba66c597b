using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Data;

/// <summary>
/// The database side of what a lease is owed. Whatever changes it (a payment made, settled or returned, a late fee, an
/// amendment) first locks the lease row, so those changes to one lease happen one at a time, and sees them all.
/// </summary>
public static class Rent
{
    /// <summary>Locks the lease for this transaction and loads it with its renters, dues, schedule and amendments.</summary>
    public static async Task<Lease?> LockLeaseAsync(this DirectPayDb db, Guid leaseId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM leases WHERE id = {leaseId} FOR UPDATE", ct);
        return await db.LoadLeaseAsync(leaseId, ct);
    }

    /// <summary>Like <see cref="LockLeaseAsync"/>, but gives up at once (null) when another transaction holds the lease.</summary>
    public static async Task<Lease?> TryLockLeaseAsync(this DirectPayDb db, Guid leaseId, CancellationToken ct)
    {
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM leases WHERE id = {leaseId} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        return locked.Count == 0 ? null : await db.LoadLeaseAsync(leaseId, ct);
    }

    private static Task<Lease?> LoadLeaseAsync(this DirectPayDb db, Guid leaseId, CancellationToken ct) =>
        db.Leases.Whole().SingleOrDefaultAsync(l => l.Id == leaseId, ct);

    /// <summary>A lease with its renters, dues, schedule and amendments, one query each.</summary>
    private static IQueryable<Lease> Whole(this IQueryable<Lease> leases) =>
        leases.Include(l => l.Schedule).Include(l => l.Renters).Include(l => l.Dues).Include(l => l.Amendments).AsSplitQuery();

    /// <summary>What a renter's payments on the lease that have not settled yet (pending or processing) will pay.</summary>
    public static async Task<decimal> InFlightAsync(this DirectPayDb db, Guid leaseId, Guid payerId, CancellationToken ct, Guid? except = null) =>
        await db.Payments
            .Where(p => p.LeaseId == leaseId && p.PayerId == payerId && p.Id != except
                        && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Processing))
            .SumAsync(p => (decimal?)p.Amount, ct) ?? 0m;

    /// <summary>
    /// A bank account with whether its owner is still open and its number is in the vault, for
    /// <see cref="Lease.RefusesPayment"/>; null if none has that id.
    /// </summary>
    public static async Task<PaymentAccount?> PaymentAccountAsync(this DirectPayDb db, Guid? accountId, CancellationToken ct) =>
        accountId is null ? null : await db.BankAccounts.AsNoTracking().Where(a => a.Id == accountId)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new PaymentAccount(a, u.IsActive,
                db.BankAccountNumbers.Any(n => n.BankAccountId == a.Id))).SingleOrDefaultAsync(ct);

    /// <summary>
    /// A new payment, pending, with its first event and the outbox row that gets it to the worker: the one way rent is
    /// paid, by the renter through the API or by autopay, each under the authorization the renter gave. The caller holds the lease lock and has asked
    /// <see cref="Lease.RefusesPayment"/>.
    /// </summary>
    public static Payment InitiatePayment(this DirectPayDb db, Lease lease, BankAccount payer, BankAccount payee, decimal amount,
        PaymentRail rail, RentDue firstDue, DebitAuthorization? authorization, string? traceParent, DateTimeOffset now)
    {
        var payment = new Payment(Guid.CreateVersion7(), lease, payer, payee, amount, rail, firstDue.DueDate, authorization?.Id, traceParent, now);
        db.Payments.Add(payment);
        db.OutboxMessages.Add(new OutboxMessage(payment, payment.Events[0]));
        PaymentMetrics.PaymentInitiated(rail);
        return payment;
    }

    /// <summary>
    /// A settled payment pays its renter's dues; the schedule follows. Returns what it paid beyond everything owed
    /// (none, as payments are checked when made and amendments may not fall below them; kept visible if ever not).
    /// </summary>
    public static decimal ApplySettled(this DirectPayDb db, Lease lease, Payment payment, DateTimeOffset now)
    {
        var parts = lease.DuesOf(payment.PayerId).Apply(payment, now);
        db.PaymentAllocations.AddRange(parts);
        lease.Schedule.Refresh(lease);
        return payment.Amount - parts.Sum(p => p.FeeAmount + p.RentAmount);
    }

    /// <summary>A returned payment's parts are owed again, by its renter only; the schedule follows.</summary>
    public static async Task ReverseReturnedAsync(this DirectPayDb db, Lease lease, Payment payment, DateTimeOffset now, CancellationToken ct)
    {
        var allocations = await db.PaymentAllocations.Where(a => a.PaymentId == payment.Id).ToListAsync(ct);
        lease.DuesOf(payment.PayerId).Reverse(allocations, now);
        lease.Schedule.Refresh(lease);
    }
}
