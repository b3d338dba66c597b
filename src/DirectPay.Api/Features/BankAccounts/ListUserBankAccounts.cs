using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.BankAccounts;

public static class ListUserBankAccounts
{
    internal static async Task<Results<Ok<List<BankAccountResponse>>, ProblemHttpResult>> Handle(
        Guid userId, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        if (!caller.MayAccess(userId) || !await db.Users.AnyAsync(u => u.Id == userId, ct)) return Problems.NotFound("user");
        var accounts = await db.BankAccounts.AsNoTracking()
            .Where(a => a.UserId == userId)
            .OrderByDescending(a => a.IsPrimary).ThenBy(a => a.CreatedAt)
            .ToListAsync(ct);
        return TypedResults.Ok(accounts.Select(BankAccountResponse.From).ToList());
    }
}
