using DirectPay.Data;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.BankAccounts;

internal static class PrimaryAccountLock
{
    /// <summary>
    /// Changes to a user's primary account happen one at a time: each takes the user's row first (the one-primary index
    /// would otherwise be the only referee, and two racing swaps can deadlock on each other's rows).
    /// </summary>
    public static Task HoldPrimaryAsync(this DirectPayDb db, Guid owner, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM users WHERE id = {owner} FOR UPDATE", ct);
}
