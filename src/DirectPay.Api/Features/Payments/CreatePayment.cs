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

public static class CreatePayment
{
    /// <param name="PaymentRailType">instant, same_day_ach, standard_ach (the default) or wire.</param>
    /// <param name="IdempotencyKey">Used when the Idempotency-Key header is absent.</param>
    public sealed record Request(
        [Required] Guid? LeaseId,
        [Required] Guid? PayerAccountId,
        [Required] Guid? PayeeAccountId,
        [Required, Money] decimal? Amount,
        PaymentRail? PaymentRailType,
        [MaxLength(IdempotencyRecord.MaxKeyLength)] string? IdempotencyKey);

    /// <summary>
    /// One transaction: hold the key, replay or refuse a known one, else (holding the lease) check the amount against what
    /// the renter still owes, and write the renter's authorization, the payment (pending), its first event, an outbox row and the stored answer. The relay publishes after commit; the worker does the rest.
    /// </summary>
    internal static async Task<Results<Created<PaymentResponse>, ContentHttpResult, ProblemHttpResult>> Handle(
        Request request, HttpContext http, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, OutboxRelay relay,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var key = Idempotency.KeyOf(http.Request, request.IdempotencyKey);
        if (Idempotency.Invalid(key) is { } invalidKey) return invalidKey;

        var me = caller.UserId();
        var rail = request.PaymentRailType ?? PaymentRail.StandardAch;
        var amount = Money.Normalize(request.Amount!.Value);
        var fingerprint = Idempotency.Fingerprint(request.LeaseId, request.PayerAccountId, request.PayeeAccountId, amount, rail);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var earlier = await Idempotency.LookUpAsync(db, http, me, key!, fingerprint, clock.GetUtcNow(), ct);
        if (earlier.Refusal is { } refusal) return refusal;
        if (earlier.Replay is { } replay) return replay;

        var lease = await db.LockLeaseAsync(request.LeaseId!.Value, ct);
        if (lease is null || !lease.Renters.Any(r => r.RenterId == me)) return Problems.NotFound("lease");
        var payer = await db.PaymentAccountAsync(request.PayerAccountId, ct);
        var payee = await db.PaymentAccountAsync(request.PayeeAccountId, ct);
        var inFlight = await db.InFlightAsync(lease.Id, me, ct);
        if (lease.RefusesPayment(me, payer, payee, amount, rail, inFlight) is { } refused) return Problems.Unprocessable(refused.Field, refused.Reason);

        var now = clock.GetUtcNow();
        // What the renter agreed to by making this request, kept with where it came from (Nacha's WEB authorization record).
        var authorization = DebitAuthorization.ForPayment(me, lease.Id, payer!.Account, amount, rail, now, http.ClientAddress(), http.UserAgent());
        db.DebitAuthorizations.Add(authorization);
        var payment = db.InitiatePayment(lease, payer.Account, payee!.Account, amount, rail, lease.DuesOf(me).NextToPay(inFlight)!,
            authorization, Activity.Current?.Id, now);
        var response = PaymentResponse.From(payment);
        Idempotency.Remember(db, me, key!, fingerprint, payment.Id, Location(payment.Id), response, json.Value.SerializerOptions, now);
        await db.SaveChangesAsync(ct); // the payment, its first event, the outbox row and the stored answer: one round trip
        await transaction.CommitAsync(ct);

        relay.Nudge();
        return TypedResults.Created(Location(payment.Id), response);
    }

    private static string Location(Guid paymentId) => $"/api/v1/payments/{paymentId}";
}
