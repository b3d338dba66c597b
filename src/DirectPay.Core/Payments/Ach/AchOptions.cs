using System.ComponentModel.DataAnnotations;
using DirectPay.Banking;
using DirectPay.Banking.Connection;
using DirectPay.Banking.Nacha;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DirectPay.Payments.Ach;

/// <summary>DirectPay as its bank knows it on ACH files (section "Ach"; the AppHost gives the values agreed with the bank).</summary>
public sealed class AchOptions
{
    [Required, RegularExpression("^[0-9]{9}$")] public string OdfiRouting { get; set; } = "";
    [Required, StringLength(23)] public string OdfiName { get; set; } = "";
    [Required, RegularExpression("^[0-9]{10}$")] public string ImmediateOrigin { get; set; } = "";
    [Required, RegularExpression("^[0-9A-Z]{10}$")] public string CompanyIdentification { get; set; } = "";
    [Required, StringLength(16)] public string CompanyName { get; set; } = "DIRECTPAY";

    public AchOriginator Originator => new(OdfiRouting, OdfiName, ImmediateOrigin, CompanyName, CompanyName, CompanyIdentification);
}

public static class AchRegistration
{
    /// <summary>
    /// What a service that exchanges ACH files with the bank needs: who DirectPay is on them, the banking clock and the
    /// ODFI's cutoffs, and the connection to the bank.
    /// </summary>
    public static IHostApplicationBuilder AddAchExchange(this IHostApplicationBuilder builder, string bankResourceName)
    {
        builder.Services.AddOptions<AchOptions>().BindConfiguration("Ach").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => BankingClock.FromConfiguration(builder.Configuration, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(new AchSchedule(AchCutoffs.Default));
        builder.AddBankConnection(bankResourceName);
        return builder;
    }
}
