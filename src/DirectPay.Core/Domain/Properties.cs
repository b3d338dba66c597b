namespace DirectPay.Domain;

public enum PropertyType { Apartment, House, Condo, Townhouse, Other }

public sealed class Property
{
    private Property() { }

    public Property(Guid id, Guid landlordId, string address, string city, string state, string postalCode,
        string? unitNumber, PropertyType? propertyType, decimal? monthlyRent)
    {
        Id = id;
        LandlordId = landlordId;
        Address = address.Trim();
        City = city.Trim();
        State = state.Trim().ToUpperInvariant();
        PostalCode = postalCode.Trim();
        UnitNumber = string.IsNullOrWhiteSpace(unitNumber) ? null : unitNumber.Trim();
        PropertyType = propertyType;
        MonthlyRent = monthlyRent is { } rent ? Money.Normalize(rent) : null;
    }

    public Guid Id { get; private set; }
    public Guid LandlordId { get; private set; }
    public string Address { get; private set; } = "";
    public string City { get; private set; } = "";
    public string State { get; private set; } = "";
    public string PostalCode { get; private set; } = "";
    public string? UnitNumber { get; private set; }
    /// <summary>Null when the landlord did not say: the seed system's clients send none.</summary>
    public PropertyType? PropertyType { get; private set; }
    /// <summary>The asking rent; each lease sets its own rent.</summary>
    public decimal? MonthlyRent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
}
