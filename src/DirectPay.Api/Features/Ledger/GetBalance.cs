using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Ledger;

public static class GetBalance
{
    public sealed record Response(Guid BankAccountId, decimal Balance, string Currency, DateTimeOffset UpdatedAt);

    internal static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var account = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || !caller.MayAccess(account.UserId)) return Problems.NotFound("bank account");
        var ledger = await db.LedgerAccounts.AsNoTracking().SingleAsync(l => l.BankAccountId == id, ct);
        return TypedResults.Ok(new Response(id, ledger.Balance, "USD", ledger.UpdatedAt));
    }
}
