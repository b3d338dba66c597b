using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.BankAccounts;

public static class GetBankAccount
{
    internal static async Task<Results<Ok<BankAccountResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var account = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && caller.MayAccess(account.UserId)
            ? TypedResults.Ok(BankAccountResponse.From(account))
            : Problems.NotFound("bank account");
    }
}
