using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.BankAccounts;

public static class DeactivateBankAccount
{
    /// <summary>Deactivates an account (idempotently); if it was primary, the newest other active account takes over.</summary>
    internal static async Task<Results<Ok<BankAccountResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var owner = caller.UserId();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.HoldPrimaryAsync(owner, ct);
        var account = await db.BankAccounts.SingleOrDefaultAsync(a => a.Id == id && a.UserId == owner, ct);
        if (account is null) return Problems.NotFound("bank account");
        if (!account.IsActive) return TypedResults.Ok(BankAccountResponse.From(account));

        var wasPrimary = account.IsPrimary;
        account.Deactivate();
        try
        {
            await db.SaveChangesAsync(ct);
            if (wasPrimary)
            {
                var successor = await db.BankAccounts
                    .Where(a => a.UserId == owner && a.IsActive && a.Id != id)
                    .OrderByDescending(a => a.CreatedAt)
                    .FirstOrDefaultAsync(ct);
                successor?.MakePrimary();
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(ConstraintNames.OnePrimaryBankAccountPerUser))
        {
            return Problems.Conflict("Your primary account changed at the same time; try again.");
        }
        return TypedResults.Ok(BankAccountResponse.From(account));
    }
}
