using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
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
        var now = clock.GetUtcNow();
        if (payment.CannotRetry(now) is { } final) return Problems.Unprocessable("id", final);

        // Since it failed, accounts may have closed and the renter may have paid otherwise: it must pass as a new payment would.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lease = (await db.LockLeaseAsync(payment.LeaseId, ct))!;
        var payer = await db.PaymentAccountAsync(payment.PayerAccountId, ct);
        var payee = await db.PaymentAccountAsync(payment.PayeeAccountId, ct);
        var inFlight = await db.InFlightAsync(lease.Id, payment.PayerId, ct);
        if (lease.RefusesPayment(payment.PayerId, payer, payee, payment.Amount, payment.Rail, inFlight) is { } refused)
            return Problems.Unprocessable(refused.MissingNumber ? refused.Field : "id", refused.Reason); // name the account to fix

        var retried = payment.Retry(now);
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
