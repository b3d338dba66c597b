using DirectPay.Domain;

namespace DirectPay.Api.Features.Leases;

/// <summary>A lease as signed (with its renters' shares and the rent policy), what is due next, and every amendment since.</summary>
/// <param name="RenterId">The lead renter; <c>renters</c> lists everyone who pays a share.</param>
public sealed record LeaseResponse(Guid Id, Guid PropertyId, Guid LandlordId, Guid RenterId, DateOnly StartDate, DateOnly EndDate,
    decimal RentAmount, int DueDay, List<RenterShareResponse> Renters, RentPolicyResponse RentPolicy, ScheduleResponse Schedule,
    List<AmendmentResponse> Amendments, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static LeaseResponse From(Lease l) => new(l.Id, l.PropertyId, l.LandlordId, l.RenterId, l.StartDate, l.EndDate,
        l.RentAmount, l.DueDay, l.Renters.OrderBy(r => r.RenterId != l.RenterId).ThenBy(r => r.RenterId)
            .Select(r => new RenterShareResponse(r.RenterId, r.ShareAmount)).ToList(),
        RentPolicyResponse.From(l.Policy), ScheduleResponse.From(l.Schedule),
        l.Amendments.OrderBy(a => a.Sequence).Select(AmendmentResponse.From).ToList(), l.CreatedAt, l.UpdatedAt);
}

/// <param name="ShareAmount">Their part of the rent as signed; an amended rent is split in the same proportions.</param>
public sealed record RenterShareResponse(Guid RenterId, decimal ShareAmount);

public sealed record RentPolicyResponse(int GraceDays, LateFeeType LateFeeType, decimal LateFeeAmount, decimal? LateFeeCap, bool FullPaymentsOnly)
{
    public static RentPolicyResponse From(RentPolicy p) => new(p.GraceDays, p.LateFeeType, p.LateFeeAmount, p.LateFeeCap, p.FullPaymentsOnly);
}

public sealed record ScheduleResponse(Guid Id, string Frequency, DateOnly NextDueDate, decimal AmountDue, ScheduleStatus Status)
{
    public static ScheduleResponse From(PaymentSchedule s) => new(s.Id, "monthly", s.NextDueDate, s.AmountDue, s.Status);
}

public sealed record AmendmentResponse(Guid Id, int Sequence, DateOnly EffectiveFrom, decimal PreviousRentAmount, decimal RentAmount,
    int PreviousDueDay, int DueDay, string? Reason, Guid AmendedBy, DateTimeOffset CreatedAt)
{
    public static AmendmentResponse From(LeaseAmendment a) => new(a.Id, a.Sequence, a.EffectiveFrom, a.PreviousRentAmount,
        a.RentAmount, a.PreviousDueDay, a.DueDay, a.Reason, a.AmendedBy, a.CreatedAt);
}
