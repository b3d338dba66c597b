using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payments;

public static class GetPaymentAuthorization
{
    /// <param name="Text">Exactly what the renter agreed to.</param>
    /// <param name="RevokedAt">When autopay was turned off or changed, after which this authorization covers no new debit.</param>
    public sealed record Response(Guid Id, Guid PaymentId, Guid RenterId, Guid LeaseId, AuthorizationKind Kind, Guid? BankAccountId, string Text,
        string Version, DateTimeOffset AgreedAt, string? IpAddress, string? UserAgent, DateTimeOffset? RevokedAt);

    /// <summary>
    /// What the payer agreed to for this payment's debit: the record that contests an unauthorized-debit claim. The
    /// payer's address and browser are theirs: the payer and admins see it, the payee does not.
    /// </summary>
    internal static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (!payment.IsVisibleTo(caller)) return Problems.NotFound("payment");
        if (!caller.MayAccess(payment!.PayerId)) return Problems.Forbidden("Only the payer and admins see what the payer agreed to.");
        if (await db.DebitAuthorizations.AsNoTracking().SingleOrDefaultAsync(a => a.Id == payment.AuthorizationId, ct) is not { } a)
            return Problems.NotFound("authorization"); // made before authorizations were kept

        return TypedResults.Ok(new Response(a.Id, payment.Id, a.RenterId, a.LeaseId, a.Kind, a.BankAccountId, a.Text, a.Version, a.AgreedAt,
            a.IpAddress, a.UserAgent, a.RevokedAt));
    }
}
