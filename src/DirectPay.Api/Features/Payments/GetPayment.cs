using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Payments;

public static class GetPayment
{
    internal static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return payment.IsVisibleTo(caller) ? TypedResults.Ok(PaymentResponse.From(payment!)) : Problems.NotFound("payment");
    }

    /// <summary>Its payer, its payee (the lease's landlord) and admins see a payment; everyone else gets 404.</summary>
    internal static bool IsVisibleTo(this Payment? payment, ClaimsPrincipal caller) =>
        payment is not null && (caller.IsAdmin() || payment.IsVisibleTo(caller.UserId()));
}
