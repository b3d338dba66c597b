using DirectPay.Domain;

namespace DirectPay.Api.Features.Leases;

/// <summary>A lease as signed, what is due next, and every amendment since.</summary>
public sealed record LeaseResponse(Guid Id, Guid PropertyId, Guid LandlordId, Guid RenterId, DateOnly StartDate, DateOnly EndDate,
    decimal RentAmount, int DueDay, ScheduleResponse Schedule, List<AmendmentResponse> Amendments,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static LeaseResponse From(Lease l) => new(l.Id, l.PropertyId, l.LandlordId, l.RenterId, l.StartDate, l.EndDate,
        l.RentAmount, l.DueDay, ScheduleResponse.From(l.Schedule),
        l.Amendments.OrderBy(a => a.Sequence).Select(AmendmentResponse.From).ToList(), l.CreatedAt, l.UpdatedAt);
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
