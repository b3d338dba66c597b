using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Autopay;

public static class SetAutopay
{
    /// <param name="BankAccountId">The account to pay from; your primary account at the time of each payment when absent.</param>
    /// <param name="PaymentRailType">standard_ach when absent.</param>
    /// <param name="DaysBeforeDue">How many days before the due date autopay pays (0, the default, to 28).</param>
    /// <param name="MaxAmount">The most one autopay payment may be; a period owing more is not paid (autopay.failed).
    /// When absent: the limit already set, else your share of the rent when autopay is turned on.</param>
    public sealed record Request(
        [Required] bool? Enabled,
        Guid? BankAccountId,
        PaymentRail? PaymentRailType,
        [Range(0, AutopaySetting.MaxDaysBeforeDue)] int? DaysBeforeDue,
        [Money] decimal? MaxAmount);

    /// <summary>A renter turns autopay on or off for their share of a lease's rent.</summary>
    internal static async Task<Results<Ok<AutopaySettingResponse>, ProblemHttpResult>> Handle(
        Guid id, Request request, HttpContext http, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, CancellationToken ct)
    {
        var me = caller.UserId();
        var lease = await db.Leases.AsNoTracking().Include(l => l.Renters).Include(l => l.Dues.Where(d => d.RenterId == me))
            .AsSplitQuery().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lease is null || !lease.IsPartyTo(me)) return Problems.NotFound("lease");
        if (!lease.Renters.Any(r => r.RenterId == me)) return Problems.Forbidden("Only a renter on the lease sets up autopay.");

        var payFrom = request.BankAccountId;
        if (payFrom is { } accountId)
        {
            if (!await db.BankAccounts.AnyAsync(a => a.Id == accountId && a.UserId == me && a.IsActive, ct))
                return Problems.Unprocessable("bank_account_id", "Pay from one of your active bank accounts.");
        }
        else if (request.Enabled == true)
        {
            payFrom = await db.BankAccounts.Where(a => a.UserId == me && a.IsPrimary && a.IsActive).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
            if (payFrom is null) return Problems.Unprocessable("bank_account_id", "You have no primary bank account; name the account autopay pays from.");
        }
        // Turned on, autopay would only fail each period from an account without its number: say so now.
        if (request.Enabled == true && (await db.PaymentAccountAsync(payFrom, ct))!.RefusesWithoutNumber("bank_account_id") is { } noNumber)
            return Problems.Unprocessable(noNumber.Field, noNumber.Reason);

        var setting = await db.AutopaySettings.SingleOrDefaultAsync(s => s.LeaseId == id && s.RenterId == me, ct);
        var wasEnabled = setting?.Enabled == true;
        if (setting is null) db.AutopaySettings.Add(setting = new AutopaySetting(id, me));
        var maxAmount = request.MaxAmount ?? (wasEnabled ? setting.MaxAmount : CurrentRent(lease, me, DueDates.Today(clock)));
        setting.Set(request.Enabled!.Value, request.BankAccountId, request.PaymentRailType ?? PaymentRail.StandardAch,
            request.DaysBeforeDue ?? 0, maxAmount);
        // The terms changed or autopay is off: what was agreed before no longer covers a debit; turned on, the renter agrees anew.
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var earlier in await db.DebitAuthorizations.Where(a => a.LeaseId == id && a.RenterId == me && a.Kind == AuthorizationKind.Recurring
                         && a.RevokedAt == null).ToListAsync(ct))
                earlier.Revoke(now);
            await db.SaveChangesAsync(ct); // revoked first: the one authorization in force is then the new one
            if (setting.Enabled)
            {
                db.DebitAuthorizations.Add(DebitAuthorization.ForAutopay(me, id,
                    request.BankAccountId is { } named ? await db.BankAccounts.SingleAsync(a => a.Id == named, ct) : null,
                    setting.MaxAmount, setting.DaysBeforeDue, setting.Rail, now, http.ClientAddress(), http.UserAgent()));
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(ConstraintNames.AutopaySettingKey) || e.IsUniqueViolation(ConstraintNames.OneActiveAutopayAuthorization))
        {
            return Problems.Conflict("Autopay was set at the same time; read it again.");
        }
        return TypedResults.Ok(AutopaySettingResponse.From(setting));
    }

    /// <summary>The renter's share of the rent for this month, or for the first month of a lease not begun yet.</summary>
    private static decimal CurrentRent(Lease lease, Guid renterId, DateOnly today) =>
        lease.Dues.Where(d => d.RenterId == renterId).OrderBy(d => d.Period)
            .FirstOrDefault(d => d.Period >= DueDates.PeriodOf(today))?.Rent
        ?? lease.Dues.Where(d => d.RenterId == renterId).MaxBy(d => d.Period)?.Rent ?? 0.00m;
}

public sealed record AutopaySettingResponse(Guid LeaseId, Guid RenterId, bool Enabled, Guid? BankAccountId, PaymentRail PaymentRailType,
    int DaysBeforeDue, decimal MaxAmount, DateTimeOffset UpdatedAt)
{
    public static AutopaySettingResponse From(AutopaySetting s) =>
        new(s.LeaseId, s.RenterId, s.Enabled, s.BankAccountId, s.Rail, s.DaysBeforeDue, s.MaxAmount, s.UpdatedAt);
}
