using DirectPay.Domain;

namespace DirectPay.Api.Features.BankAccounts;

/// <summary>A bank account as the API shows it: the last four digits only, never a full number or the token.</summary>
public sealed record BankAccountResponse(Guid Id, Guid UserId, string Last4, string RoutingNumber, BankAccountType AccountType,
    string? BankName, bool IsPrimary, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static BankAccountResponse From(BankAccount a) =>
        new(a.Id, a.UserId, a.Last4, a.RoutingNumber, a.AccountType, a.BankName, a.IsPrimary, a.IsActive, a.CreatedAt, a.UpdatedAt);
}
