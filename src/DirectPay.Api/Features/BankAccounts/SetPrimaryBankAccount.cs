using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.BankAccounts;

public static class SetPrimaryBankAccount
{
    internal static async Task<Results<Ok<BankAccountResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var owner = caller.UserId();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.HoldPrimaryAsync(owner, ct);
        var account = await db.BankAccounts.SingleOrDefaultAsync(a => a.Id == id && a.UserId == owner, ct);
        if (account is null) return Problems.NotFound("bank account");
        if (!account.IsActive) return Problems.Unprocessable("id", "A deactivated account cannot be primary.");
        if (account.IsPrimary) return TypedResults.Ok(BankAccountResponse.From(account));

        var previous = await db.BankAccounts.SingleOrDefaultAsync(a => a.UserId == owner && a.IsPrimary, ct);
        previous?.ClearPrimary();
        try
        {
            // Two saves: the one-primary index is checked row by row, so the old primary goes first.
            await db.SaveChangesAsync(ct);
            account.MakePrimary();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(ConstraintNames.OnePrimaryBankAccountPerUser))
        {
            return Problems.Conflict("Your primary account changed at the same time; try again.");
        }
        return TypedResults.Ok(BankAccountResponse.From(account));
    }
}
