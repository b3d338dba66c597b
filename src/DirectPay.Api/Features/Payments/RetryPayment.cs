using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payments;

public static class RetryPayment
{
    /// <summary>failed → pending (if still owed), with its event and an outbox row in one transaction; the worker then processes it again.</summary>
    internal static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, OutboxRelay relay, CancellationToken ct)
    {
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (!payment.IsVisibleTo(caller)) return Problems.NotFound("payment");
        if (!caller.IsAdmin() && payment!.PayerId != caller.UserId()) return Problems.Forbidden("Only the payer retries a payment.");
        if (payment!.Status != PaymentStatus.Failed) return Problems.Conflict($"Only a failed payment is retried; this one is {SnakeCaseEnum<PaymentStatus>.ToText[payment.Status]}.");
        if (!payment.CanRetry)
            return Problems.Unprocessable("id", payment.RetryCount >= Payment.MaxRetries
                ? $"The payment was already retried {Payment.MaxRetries} times."
                : $"The bank's answer ({payment.FailureCode}: {payment.FailureReason}) is final; start a new payment.");

        // Since it failed the renter may have paid otherwise: a retry must still be owed.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lease = (await db.LockLeaseAsync(payment.LeaseId, ct))!;
        if (lease.Schedule.Status == ScheduleStatus.Paused) return Problems.Unprocessable("id", "The lease's schedule is paused.");
        var inFlight = await db.InFlightAsync(lease.Id, payment.PayerId, ct);
        if (lease.DuesOf(payment.PayerId).Refuses(payment.Amount, inFlight, lease.Policy) is { } notOwed)
            return Problems.Unprocessable("id", notOwed);

        var retried = payment.Retry(clock.GetUtcNow());
        db.OutboxMessages.Add(new OutboxMessage(payment, retried));
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation(ConstraintNames.PaymentEventSequence))
        {
            return Problems.Conflict("The payment changed at the same time; read it again.");
        }
        relay.Nudge();
        return TypedResults.Ok(PaymentResponse.From(payment));
    }
}
