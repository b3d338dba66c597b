using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.Api.Features.Payments;

public static class RefundPayment
{
    /// <param name="Amount">Omitted: all that is left to refund.</param>
    /// <param name="PaymentRailType">Omitted: the payment's rail. Only a rail as fast or faster is accepted.</param>
    public sealed record Request([Money] decimal? Amount, PaymentRail? PaymentRailType, [MaxLength(500)] string? Reason,
        [MaxLength(IdempotencyRecord.MaxKeyLength)] string? IdempotencyKey);

    /// <summary>
    /// One transaction: hold the key, lock the payment (concurrent refunds of it take turns, so their sum never passes its
    /// amount), then write the refund (pending), its first event, an outbox row and the stored answer.
    /// </summary>
    internal static async Task<Results<Created<RefundResponse>, ContentHttpResult, ProblemHttpResult>> Handle(
        Guid id, Request request, HttpContext http, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, OutboxRelay relay,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var key = Idempotency.KeyOf(http.Request, request.IdempotencyKey);
        if (Idempotency.Invalid(key) is { } invalidKey) return invalidKey;
        var me = caller.UserId();
        var fingerprint = Idempotency.Fingerprint("refund", id, request.Amount is { } a ? Money.Normalize(a) : "rest",
            request.PaymentRailType, request.Reason);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var earlier = await Idempotency.LookUpAsync(db, http, me, key!, fingerprint, clock.GetUtcNow(), ct);
        if (earlier.Refusal is { } refusal) return refusal;
        if (earlier.Replay is { } replay) return replay;

        var payment = await db.Payments.FromSql($"SELECT * FROM payments WHERE id = {id} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(ct);
        if (!payment.IsVisibleTo(caller)) return Problems.NotFound("payment");
        if (!caller.IsAdmin() && payment!.PayeeId != me) return Problems.Forbidden("Only the landlord who was paid, or an admin, refunds a payment.");
        if (payment!.Status != PaymentStatus.Completed)
            return Problems.Conflict($"Only a completed payment is refunded; this one is {SnakeCaseEnum<PaymentStatus>.ToText[payment.Status]}.");

        // A failed refund, or one whose credit came back, gave nothing back: what is left counts only the others.
        var promised = await db.Refunds.Where(r => r.PaymentId == id && r.Status != RefundStatus.Failed && r.Status != RefundStatus.Returned)
            .SumAsync(r => (decimal?)r.Amount, ct) ?? 0;
        var left = payment.Amount - promised;
        var amount = request.Amount is { } asked ? Money.Normalize(asked) : left;
        if (amount <= 0 || amount > left) return Problems.Unprocessable("amount", $"At most {left:0.00} of this payment is left to refund.");
        var rail = request.PaymentRailType ?? payment.Rail;
        if (!Rails.IsAsFastAs(rail, payment.Rail))
            return Problems.Unprocessable("payment_rail_type", "A refund travels on the payment's rail or a faster one.");
        if (Rails.Refuses(rail, amount) is { } tooMuch) return Problems.Unprocessable("amount", tooMuch);
        // Collected into the settlement account, it goes back from there: by ACH, until instant and wire credits can leave it.
        if (payment.CollectedThroughSettlement && !Rails.IsAch(rail))
            return Problems.Unprocessable("payment_rail_type",
                "This payment was collected by ACH into DirectPay's settlement account and is refunded from there by ACH (same_day_ach or standard_ach).");
        // The refund credits the renter's account, taken from the settlement account or else the landlord's: those need their numbers.
        var payer = await db.PaymentAccountAsync(payment.PayerAccountId, ct);
        var payee = payment.CollectedThroughSettlement ? null : await db.PaymentAccountAsync(payment.PayeeAccountId, ct);
        if ((payer!.RefusesWithoutNumber("payer_account_id") ?? payee?.RefusesWithoutNumber("payee_account_id")) is { } noNumber)
            return Problems.Unprocessable(noNumber.Field, noNumber.Reason);

        var refund = new Refund(Guid.CreateVersion7(), payment, amount, rail, request.Reason?.Trim(), me, Activity.Current?.Id, clock.GetUtcNow());
        db.Refunds.Add(refund);
        db.OutboxMessages.Add(new OutboxMessage(refund, refund.Events[0]));
        await db.SaveChangesAsync(ct);
        var response = RefundResponse.From(refund);
        Idempotency.Remember(db, me, key!, fingerprint, payment.Id, RefundResponse.Location(refund), response, json.Value.SerializerOptions,
            clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        relay.Nudge();
        return TypedResults.Created(RefundResponse.Location(refund), response);
    }
}
