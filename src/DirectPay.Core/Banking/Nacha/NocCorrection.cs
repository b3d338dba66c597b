namespace DirectPay.Banking.Nacha;

/// <summary>What a notification of change corrects, read from its corrected-data field by the positions Nacha gives each code.</summary>
public sealed record NocCorrection(string? RoutingNumber, string? AccountNumber, int? TransactionCode, string? Name)
{
    /// <summary>The correction, or null with <paramref name="problem"/> saying why the data does not fit its code.</summary>
    public static NocCorrection? Read(string changeCode, string data, out string? problem)
    {
        var padded = data.PadRight(29);
        problem = null;
        NocCorrection? correction = changeCode switch
        {
            "C01" => Account(padded[..17]),
            "C02" => Routing(padded[..9]),
            "C03" => Blank(padded[9..12]) ? Combine(Routing(padded[..9]), Account(padded[12..29])) : null,
            "C04" => padded[..22].TrimEnd() is { Length: > 0 } name ? new(null, null, null, name) : null,
            "C05" => Code(padded[..2]),
            // The rules put the code at 21-22; some writers put it at the field's end (28-29), so read what follows the gap.
            "C06" => Blank(padded[17..19]) ? Combine(Account(padded[..17]), Code(padded[17..29].Trim())) : null,
            "C07" => Combine(Combine(Routing(padded[..9]), Account(padded[9..26])), Code(padded[26..29].Trim())),
            _ => new(null, null, null, null), // C08-C13 and refused NOCs (C61-C69) change nothing DirectPay keeps
        };
        // The data is an account or routing number: a problem names the code and the positions, never the data itself.
        if (correction is null) problem = $"does not fit {changeCode}'s corrected data ({Layout(changeCode)})";
        return correction;
    }

    private static string Layout(string changeCode) => changeCode switch
    {
        "C01" => "account number in 1-17",
        "C02" => "routing number in 1-9",
        "C03" => "routing number in 1-9, blanks in 10-12, account number in 13-29",
        "C04" => "individual name in 1-22",
        "C05" => "transaction code in 1-2",
        "C06" => "account number in 1-17, blanks in 18-20, transaction code after them",
        _ => "routing number in 1-9, account number in 10-26, transaction code in 27-28",
    };

    private static bool Blank(string gap) => gap.Trim().Length == 0;

    private static NocCorrection? Account(string field) =>
        field.Trim() is { Length: > 0 } account ? new(null, account, null, null) : null;

    private static NocCorrection? Routing(string field) =>
        RoutingNumbers.IsValid(field) ? new(field, null, null, null) : null;

    private static NocCorrection? Code(string field) =>
        field.Length == 2 && int.TryParse(field, out var code) && TransactionCodes.IsKnown(code) ? new(null, null, code, null) : null;

    private static NocCorrection? Combine(NocCorrection? a, NocCorrection? b) =>
        a is null || b is null ? null
            : new(a.RoutingNumber ?? b.RoutingNumber, a.AccountNumber ?? b.AccountNumber, a.TransactionCode ?? b.TransactionCode, null);
}
