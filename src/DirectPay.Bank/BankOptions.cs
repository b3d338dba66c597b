namespace DirectPay.Bank;

/// <summary>The simulated bank's settings (section "Bank"): who it is, and the one customer it serves, DirectPay.</summary>
public sealed class BankOptions
{
    /// <summary>The key DirectPay presents on every call (an AppHost secret parameter).</summary>
    public string ApiKey { get; set; } = "";
    /// <summary>This bank's routing number: the destination of the files it takes.</summary>
    public string Routing { get; set; } = "";
    public BankCustomer Customer { get; set; } = new();
}

/// <summary>DirectPay as the bank knows it: the origin its files carry, its company id, and its settlement account here.</summary>
public sealed class BankCustomer
{
    public string ImmediateOrigin { get; set; } = "";
    public string CompanyIdentification { get; set; } = "";
    public string SettlementAccount { get; set; } = "";
}
