namespace DirectPay.Data;

/// <summary>
/// Constraints whose violations the API turns into a precise 409, named once for the model and the handlers
/// (indexes take them with HasDatabaseName: a model name alone is not the database's name).
/// </summary>
public static class ConstraintNames
{
    public const string OnePrimaryBankAccountPerUser = "ux_bank_accounts_one_primary_per_user";
    /// <summary>An exclusion constraint (raw SQL in the migration; EF has no model for it): one lease per property at a time.</summary>
    public const string LeasesNoOverlap = "ex_leases_property_no_overlap";
    public const string LeaseAmendmentSequence = "ux_lease_amendments_lease_id_sequence";
    public const string PaymentEventSequence = "ux_payment_events_payment_id_sequence";
    public const string RefundEventSequence = "ux_refund_events_refund_id_sequence";
    public const string AutopaySettingKey = "pk_autopay_settings";
    /// <summary>One autopay authorization in force per renter and lease: two autopay changes at once, the second is told to read again.</summary>
    public const string OneActiveAutopayAuthorization = "ux_debit_authorizations_one_active_autopay";
    /// <summary>One scheduled reconciliation run per period, whichever worker asks first (on-demand runs have none).</summary>
    public const string ReconciliationRunPeriod = "ux_reconciliation_runs_scheduled_for";
}
