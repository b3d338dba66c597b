using DirectPay.Domain;

namespace DirectPay.Api.Features.Properties;

/// <param name="PropertyType">Null when the landlord did not give one.</param>
/// <param name="MonthlyRent">The asking rent, when the landlord gave one.</param>
public sealed record PropertyResponse(Guid Id, Guid LandlordId, string Address, string City, string State,
    string PostalCode, string? UnitNumber, PropertyType? PropertyType, decimal? MonthlyRent, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PropertyResponse From(Property p) => new(p.Id, p.LandlordId, p.Address, p.City, p.State, p.PostalCode,
        p.UnitNumber, p.PropertyType, p.MonthlyRent, p.CreatedAt, p.UpdatedAt);
}
