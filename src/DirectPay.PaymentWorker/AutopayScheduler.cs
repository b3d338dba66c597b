using System.Diagnostics;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Pays rent for renters with autopay on: for each period due within their days-before-due, one payment for everything
/// owed through it that is not already on its way, through the same path as a payment made in the API. The attempt row,
/// keyed by (lease, renter, period), is written with the payment: restarts, replicas or a second round never pay a period
/// twice. An attempt that cannot pay (no usable account, or one without its number in the vault) is recorded with its
/// reason and reported (autopay.failed).
/// </summary>
public sealed partial class AutopayScheduler(IServiceScopeFactory scopes, OutboxRelay relay, TimeProvider clock,
    IOptions<PaymentWorkerOptions> options, ILogger<AutopayScheduler> logger) : Poller(clock, logger)
{
    protected override TimeSpan Interval => options.Value.RentSchedulersEvery;

    protected override async Task PollAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var today = DueDates.Today(Clock);
        // Only renters with a period to pay now (owed, within their days before due, not attempted yet), a page at a time.
        var due = await db.AutopaySettings.AsNoTracking()
            .Where(s => s.Enabled && db.PaymentSchedules.Any(p => p.LeaseId == s.LeaseId && p.Status == ScheduleStatus.Active)
                        && db.RentDues.Any(d => d.LeaseId == s.LeaseId && d.RenterId == s.RenterId
                                                && d.Rent + d.LateFee - d.FeePaid - d.RentPaid > 0
                                                && d.DueDate <= today.AddDays(s.DaysBeforeDue)
                                                && !db.AutopayAttempts.Any(a => a.LeaseId == d.LeaseId && a.RenterId == d.RenterId && a.Period == d.Period)))
            .OrderBy(s => s.LeaseId).ThenBy(s => s.RenterId).Select(s => new { s.LeaseId, s.RenterId }).Take(BatchSize).ToListAsync(ct);
        await EachAsync(due, s => PayDueAsync(s.LeaseId, s.RenterId, ct));
    }

    private async Task PayDueAsync(Guid leaseId, Guid renterId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lease = await db.TryLockLeaseAsync(leaseId, ct);
        if (lease is null || !lease.Schedule.IsCollecting) return; // busy (the next round), paused or paid up
        var setting = await db.AutopaySettings.SingleAsync(s => s.LeaseId == leaseId && s.RenterId == renterId, ct);
        if (!setting.Enabled) return;

        var today = DueDates.Today(Clock);
        var attempted = (await db.AutopayAttempts.Where(a => a.LeaseId == leaseId && a.RenterId == renterId).Select(a => a.Period)
            .ToListAsync(ct)).ToHashSet();
        var inFlight = await db.InFlightAsync(leaseId, renterId, ct);
        var remaining = lease.DuesOf(renterId).Remaining(inFlight);
        var next = remaining.Select((r, i) => (r.Due, Through: i))
            .FirstOrDefault(r => setting.PaysFrom(r.Due.DueDate) <= today && !attempted.Contains(r.Due.Period));
        if (next.Due is not { } due) return;
        var amount = remaining.Take(next.Through + 1).Sum(r => r.Remaining);

        using var activity = DirectPayTelemetry.Source.StartActivity("autopay pay period");
        activity?.SetTag("lease.id", leaseId);
        var now = Clock.GetUtcNow();
        var payer = await db.PaymentAccountAsync(setting.BankAccountId ?? await PrimaryAccountAsync(db, renterId, ct), ct);
        var payee = await db.PaymentAccountAsync(await PrimaryAccountAsync(db, lease.LandlordId, ct), ct);
        var refusal = setting.RefusesAmount(amount) ?? lease.RefusesPayment(renterId, payer, payee, amount, setting.Rail, inFlight) switch
        {
            null => null,
            { MissingNumber: true } noNumber => noNumber.Reason, // the owner can fix it: the reason says how
            { Field: "payer_account_id" } => setting.BankAccountId is null
                ? "The renter has no primary bank account." : "The autopay bank account is deactivated.",
            { Field: "payee_account_id" } => "The landlord has no primary bank account to pay into.",
            var other => other.Reason,
        };
        if (refusal is not null)
        {
            db.AutopayAttempts.Add(AutopayAttempt.Failed(due, refusal, now));
            await db.EnqueueAutopayFailedAsync(lease, renterId, due.Period, refusal, paymentId: null, now, ct);
            LogAttemptFailed(logger, leaseId, renterId, due.Period, refusal);
        }
        else
        {
            // Under the authorization the renter gave when turning autopay on (none for autopay turned on before these were kept).
            var authorization = await db.DebitAuthorizations.Where(a => a.LeaseId == leaseId && a.RenterId == renterId
                    && a.Kind == AuthorizationKind.Recurring && a.RevokedAt == null)
                .OrderByDescending(a => a.AgreedAt).FirstOrDefaultAsync(ct);
            var payment = db.InitiatePayment(lease, payer!.Account, payee!.Account, amount, setting.Rail, remaining[0].Due, authorization,
                Activity.Current?.Id, now);
            db.AutopayAttempts.Add(AutopayAttempt.Paid(due, payment, now));
            activity?.SetTag("payment.id", payment.Id);
            LogPaid(logger, leaseId, renterId, due.Period, payment.Id);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        relay.Nudge();
    }

    private static Task<Guid?> PrimaryAccountAsync(DirectPayDb db, Guid userId, CancellationToken ct) =>
        db.BankAccounts.Where(a => a.UserId == userId && a.IsPrimary && a.IsActive).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);

    [LoggerMessage(LogLevel.Information, "Autopay: lease {LeaseId}, renter {RenterId}, {Period:yyyy-MM} paid by payment {PaymentId}")]
    private static partial void LogPaid(ILogger logger, Guid leaseId, Guid renterId, DateOnly period, Guid paymentId);

    [LoggerMessage(LogLevel.Warning, "Autopay: lease {LeaseId}, renter {RenterId}, {Period:yyyy-MM} not paid: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid leaseId, Guid renterId, DateOnly period, string reason);
}
