using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Leases;

public static class CreateLease
{
    public const int MaxRenters = 10;
    /// <summary>A lease holds a due per renter per month: the term is bounded.</summary>
    public const int MaxYears = 30;

    /// <param name="RenterId">The lead renter. With several renters, also one of the shares.</param>
    /// <param name="Shares">Split rent: each renter's amount (summing to the rent) or percent (summing to 100). One renter pays it all when absent.</param>
    /// <param name="RentPolicy">Grace days, late fee and whether partial payments are taken; none of them when absent.</param>
    /// <param name="StartDate">A date; the seed system's midnight date-time (2027-03-01T00:00:00) is taken too.</param>
    /// <param name="EndDate">A date; the seed system's midnight date-time (2027-12-31T00:00:00) is taken too.</param>
    /// <param name="DueDay">The day of the month rent is due. Required, unless sent as due_day_of_month.</param>
    /// <param name="DueDayOfMonth">The seed system's name for due_day; the answer calls it due_day.</param>
    public sealed record Request(
        [Required] Guid? PropertyId,
        [Required] Guid? RenterId,
        [Required] DateOnly? StartDate,
        [Required] DateOnly? EndDate,
        [Required, Money] decimal? RentAmount,
        [Range(DueDates.FirstDueDay, DueDates.LastDueDay)] int? DueDay,
        [Range(DueDates.FirstDueDay, DueDates.LastDueDay)] int? DueDayOfMonth,
        [MaxLength(MaxRenters)] List<ShareRequest>? Shares,
        SetRentPolicy.Request? RentPolicy) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext context)
        {
            if (DueDay is null && DueDayOfMonth is null)
                yield return new("The due_day (or due_day_of_month) is required.", [nameof(DueDay)]);
            else if (DueDay is not null && DueDayOfMonth is not null && DueDay != DueDayOfMonth)
                yield return new("due_day_of_month and due_day differ; send one of them.", [nameof(DueDayOfMonth)]);
            if (Shares is not null && ShareProblem() is { } shareProblem) yield return new(shareProblem, [nameof(Shares)]);
            if (StartDate is not { } start || EndDate is not { } end || GivenDueDay() is not { } day
                || day is not (>= DueDates.FirstDueDay and <= DueDates.LastDueDay)) yield break;
            if (end <= start)
                yield return new("The lease must end after it starts.", [nameof(EndDate)]);
            else if (end > start.AddYears(MaxYears))
                yield return new($"A lease runs at most {MaxYears} years.", [nameof(EndDate)]);
            else if (!Lease.HasDueDate(start, end, day))
                yield return new("The lease term contains no due date.", [nameof(EndDate)]);
        }

        /// <summary>The due day under either name.</summary>
        public int? GivenDueDay() => DueDay ?? DueDayOfMonth;

        private string? ShareProblem()
        {
            if (Shares!.Count == 0) return "Give at least one share, or leave shares out.";
            if (Shares.Any(s => s is null || s.RenterId is null)) return "Every share names its renter_id.";
            if (Shares.Select(s => s.RenterId).Distinct().Count() != Shares.Count) return "Each renter has one share.";
            if (!Shares.Any(s => s.RenterId == RenterId)) return "The lead renter (renter_id) is one of the shares.";
            if (Shares.All(s => s.Amount is not null && s.Percent is null))
                return RentAmount is { } rent && Shares.Sum(s => s.Amount!.Value) != rent ? "The share amounts sum to the rent_amount." : null;
            if (Shares.All(s => s.Percent is not null && s.Amount is null))
                return Shares.Sum(s => s.Percent!.Value) != 100m ? "The share percents sum to 100."
                    : RentAmount is { } rent && RentShares.FromPercents(rent, Shares.Select(s => s.Percent!.Value).ToList()).Any(a => a <= 0)
                        ? "Every share comes to at least 0.01 of the rent." : null;
            return "Give every share an amount, or every share a percent.";
        }

        /// <summary>The shares as amounts of the rent, the lead renter first.</summary>
        public IReadOnlyList<RentShare> ToShares()
        {
            var rent = RentAmount!.Value;
            if (Shares is null) return [new(RenterId!.Value, rent)];
            var ordered = Shares.OrderBy(s => s.RenterId == RenterId ? 0 : 1).ToList();
            var amounts = ordered[0].Amount is null ? RentShares.FromPercents(rent, ordered.Select(s => s.Percent!.Value).ToList())
                : ordered.Select(s => s.Amount!.Value).ToArray();
            return ordered.Zip(amounts, (s, amount) => new RentShare(s.RenterId!.Value, amount)).ToList();
        }
    }

    public sealed record ShareRequest(
        [Required] Guid? RenterId,
        [Money] decimal? Amount,
        [Range(typeof(decimal), "0.01", "100")] decimal? Percent);

    internal static async Task<Results<Created<LeaseResponse>, ProblemHttpResult>> Handle(
        Request request, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var me = caller.UserId();
        var property = await db.Properties.SingleOrDefaultAsync(p => p.Id == request.PropertyId && p.LandlordId == me, ct);
        if (property is null) return Problems.NotFound("property");

        var shares = request.ToShares();
        var renterIds = shares.Select(s => s.RenterId).ToList();
        var renters = await db.Users.CountAsync(u => renterIds.Contains(u.Id) && u.Role == UserRole.Renter && u.IsActive, ct);
        if (renters != shares.Count)
            return Problems.Unprocessable(request.Shares is null ? "renter_id" : "shares", "Every renter must be an active renter.");

        // The lease, its renters, every period's dues and the schedule are inserted by one SaveChanges: one transaction.
        var lease = new Lease(Guid.CreateVersion7(), property, shares, request.StartDate!.Value, request.EndDate!.Value,
            request.RentAmount!.Value, request.GivenDueDay()!.Value,
            request.RentPolicy?.ToPolicy() ?? RentPolicy.Default);
        db.Leases.Add(lease);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsExclusionViolation(ConstraintNames.LeasesNoOverlap))
        {
            return Problems.Conflict("The property already has a lease overlapping these dates.");
        }
        return TypedResults.Created($"/api/v1/leases/{lease.Id}", LeaseResponse.From(lease));
    }
}
