using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Vault;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.BankAccounts;

public static class SetAccountNumber
{
    /// <param name="AccountNumber">The account's full number again: it must end in the account's last four digits.</param>
    public sealed record Request(
        [Required, RegularExpression(BankAccountNumber.Pattern, ErrorMessage = BankAccountNumber.PatternMessage)] string AccountNumber);

    /// <summary>
    /// The owner enters an account's number again, as an account added before the vault needs before money moves through
    /// it; a number already kept is replaced only by one with the same last four digits (the account stays the same account).
    /// </summary>
    internal static async Task<Results<Ok<BankAccountResponse>, ProblemHttpResult>> Handle(
        Guid id, Request request, ClaimsPrincipal caller, DirectPayDb db, VaultProtector vault, CancellationToken ct)
    {
        var owner = caller.UserId();
        var account = await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.UserId == owner, ct);
        if (account is null) return Problems.NotFound("bank account");
        if (!request.AccountNumber.EndsWith(account.Last4, StringComparison.Ordinal))
            return Problems.Unprocessable("account_number", $"This account's number ends in {account.Last4}; enter that account's number.");

        var kept = await db.BankAccountNumbers.SingleOrDefaultAsync(n => n.BankAccountId == id, ct);
        if (kept is null) db.BankAccountNumbers.Add(BankAccountNumber.For(vault, id, request.AccountNumber));
        else kept.Replace(vault, request.AccountNumber);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("The number was entered at the same time; read the account again.");
        }
        return TypedResults.Ok(BankAccountResponse.From(account));
    }
}
