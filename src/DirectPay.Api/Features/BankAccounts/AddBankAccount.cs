using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Vault;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.BankAccounts;

public static class AddBankAccount
{
    /// <param name="AccountNumber">The full account number: sealed in the vault for the bank's files, never shown or logged.</param>
    /// <param name="MakePrimary">Make it the primary account; a user's first account is primary anyway.</param>
    /// <param name="UserId">The seed system's field naming the owner: when sent, it must be you.</param>
    public sealed record Request(
        [Required, RegularExpression(BankAccountNumber.Pattern, ErrorMessage = BankAccountNumber.PatternMessage)] string AccountNumber,
        [Required, RoutingNumber] string RoutingNumber,
        [Required] BankAccountType? AccountType,
        [MaxLength(100)] string? BankName,
        bool? MakePrimary,
        Guid? UserId);

    internal static async Task<Results<Created<BankAccountResponse>, ProblemHttpResult>> Handle(
        Request request, ClaimsPrincipal caller, DirectPayDb db, VaultProtector vault, CancellationToken ct)
    {
        var owner = caller.UserId();
        if (request.UserId is { } named && named != owner)
            return Problems.Forbidden("user_id names another user: you add only your own bank accounts.");
        var account = new BankAccount(Guid.CreateVersion7(), owner, NewToken(), request.AccountNumber[^4..],
            request.RoutingNumber, request.AccountType!.Value, string.IsNullOrWhiteSpace(request.BankName) ? null : request.BankName.Trim());

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.HoldPrimaryAsync(owner, ct);
        var primary = await db.BankAccounts.SingleOrDefaultAsync(a => a.UserId == owner && a.IsPrimary, ct);
        if (primary is null || request.MakePrimary == true)
        {
            // Clear the old primary first: the one-primary index is checked row by row.
            primary?.ClearPrimary();
            await db.SaveChangesAsync(ct);
            account.MakePrimary();
        }
        db.BankAccounts.Add(account);
        db.BankAccountNumbers.Add(BankAccountNumber.For(vault, account.Id, request.AccountNumber)); // with the account, or neither
        db.LedgerAccounts.Add(LedgerAccount.For(account)); // its place in the books, from the start
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(ConstraintNames.OnePrimaryBankAccountPerUser))
        {
            return Problems.Conflict("Your primary account changed at the same time; try again.");
        }
        return TypedResults.Created($"/api/v1/bank-accounts/{account.Id}", BankAccountResponse.From(account));
    }

    /// <summary>An opaque handle for the account that carries nothing of its number (which is in the vault).</summary>
    private static string NewToken() => "btok_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
}
