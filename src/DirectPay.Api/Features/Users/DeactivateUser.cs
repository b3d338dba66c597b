using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Users;

public static class DeactivateUser
{
    /// <summary>
    /// Closes an account: it can no longer sign in, its tokens stop working at once, its autopay and webhook endpoints stop.
    /// Its payments, leases and history stay, as the books need them.
    /// </summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, ClaimsPrincipal caller, DirectPayDb db,
        TimeProvider clock, CancellationToken ct)
    {
        if (!caller.MayAccess(id)) return Problems.NotFound("user");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.IsActive, ct);
        if (user is null) return Problems.NotFound("user");
        if (user.Role == UserRole.Admin) return Problems.Unprocessable("id", "An admin account is closed by the operators, not through the API.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.Deactivate();
        // Loaded and changed one by one (a user has few), so each change reaches the audit log.
        foreach (var setting in await db.AutopaySettings.Where(s => s.RenterId == id && s.Enabled).ToListAsync(ct)) setting.Disable();
        // Autopay off: what the renter agreed to for it covers no further debit.
        foreach (var agreed in await db.DebitAuthorizations.Where(a => a.RenterId == id && a.Kind == AuthorizationKind.Recurring && a.RevokedAt == null)
                     .ToListAsync(ct))
            agreed.Revoke(clock.GetUtcNow());
        foreach (var endpoint in await db.WebhookEndpoints.Where(e => e.OwnerId == id && e.IsEnabled).ToListAsync(ct)) endpoint.Disable();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
