namespace DirectPay.AppHost;

/// <summary>
/// What DirectPay and its bank agreed when DirectPay opened its account: the bank's routing number, the origin and
/// company id on DirectPay's files, and the settlement account. The bank is told them here; DirectPay's side, where it
/// writes files, is told the same.
/// </summary>
internal static class BankAgreement
{
    /// <summary>A sandbox routing number (its check digit holds; no real bank has it).</summary>
    public const string BankRouting = "123456780";
    public const string ImmediateOrigin = "1987654321";
    public const string CompanyIdentification = "1987654321";
    public const string SettlementAccount = "4000123456";
    public const string BankName = "SANDBOX BANK";

    public static IResourceBuilder<ProjectResource> WithBankAgreement(this IResourceBuilder<ProjectResource> bank) => bank
        .WithEnvironment("Bank__Routing", BankRouting)
        .WithEnvironment("Bank__Customer__ImmediateOrigin", ImmediateOrigin)
        .WithEnvironment("Bank__Customer__CompanyIdentification", CompanyIdentification)
        .WithEnvironment("Bank__Customer__SettlementAccount", SettlementAccount);

    /// <summary>DirectPay's side of the agreement, for the services that write and read its ACH files.</summary>
    public static IResourceBuilder<ProjectResource> WithBankAgreementAsCustomer(this IResourceBuilder<ProjectResource> service) => service
        .WithEnvironment("Ach__OdfiRouting", BankRouting)
        .WithEnvironment("Ach__OdfiName", BankName)
        .WithEnvironment("Ach__ImmediateOrigin", ImmediateOrigin)
        .WithEnvironment("Ach__CompanyIdentification", CompanyIdentification);
}
