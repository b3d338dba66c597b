using DirectPay.Domain;

namespace DirectPay.Api.Features.Properties;

public sealed record PropertyResponse(Guid Id, Guid LandlordId, string Address, string City, string State, string PostalCode,
    string? UnitNumber, PropertyType PropertyType, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PropertyResponse From(Property p) =>
        new(p.Id, p.LandlordId, p.Address, p.City, p.State, p.PostalCode, p.UnitNumber, p.PropertyType, p.CreatedAt, p.UpdatedAt);
}
