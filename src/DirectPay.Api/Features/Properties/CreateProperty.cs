using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DirectPay.Api.Features.Properties;

public static class CreateProperty
{
    private const string Zip = "^[0-9]{5}(-[0-9]{4})?$";
    private const string ZipMessage = "The postal code is a ZIP or ZIP+4.";

    /// <param name="PostalCode">A ZIP or ZIP+4. Required, unless sent as zip_code.</param>
    /// <param name="ZipCode">The seed system's name for postal_code; the answer calls it postal_code.</param>
    /// <param name="PropertyType">apartment, house, condo, townhouse or other; null when not given.</param>
    /// <param name="MonthlyRent">The asking rent, kept with the property; each lease sets its own rent.</param>
    /// <param name="LandlordId">The seed system's field naming the landlord: when sent, it must be you.</param>
    public sealed record Request(
        [Required, MaxLength(200)] string Address,
        [Required, MaxLength(100)] string City,
        [Required, RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "The state is a two-letter code.")] string State,
        [RegularExpression(Zip, ErrorMessage = ZipMessage)] string? PostalCode,
        [RegularExpression(Zip, ErrorMessage = ZipMessage)] string? ZipCode,
        [MaxLength(20)] string? UnitNumber,
        PropertyType? PropertyType,
        [Money] decimal? MonthlyRent,
        Guid? LandlordId) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext context)
        {
            if (string.IsNullOrEmpty(PostalCode) && string.IsNullOrEmpty(ZipCode))
                yield return new("The postal_code (or zip_code) is required.", [nameof(PostalCode)]);
            else if (!string.IsNullOrEmpty(PostalCode) && !string.IsNullOrEmpty(ZipCode) && PostalCode != ZipCode)
                yield return new("zip_code and postal_code differ; send one of them.", [nameof(ZipCode)]);
        }

        /// <summary>The postal code under either name, once validation has passed.</summary>
        public string GivenPostalCode() => string.IsNullOrEmpty(PostalCode) ? ZipCode! : PostalCode;
    }

    internal static async Task<Results<Created<PropertyResponse>, ProblemHttpResult>> Handle(
        Request request, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        if (!caller.IsInRole(UserRole.Landlord)) return Problems.Forbidden("Only landlords add properties.");
        var me = caller.UserId();
        if (request.LandlordId is { } named && named != me)
            return Problems.Forbidden("landlord_id names another user: a landlord adds only their own properties.");

        var property = new Property(Guid.CreateVersion7(), me, request.Address, request.City, request.State,
            request.GivenPostalCode(), request.UnitNumber, request.PropertyType, request.MonthlyRent);
        db.Properties.Add(property);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/properties/{property.Id}", PropertyResponse.From(property));
    }
}
