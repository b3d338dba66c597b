using DirectPay;
using DirectPay.Bank;
using DirectPay.Bank.Data;
using DirectPay.Bank.Features.Ach;
using DirectPay.Bank.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<BankOptions>().BindConfiguration("Bank")
    .Validate(o => o.ApiKey.Length >= 32, "Bank:ApiKey is missing or shorter than 32 characters: run the bank through the AppHost.")
    .Validate(o => DirectPay.Banking.Nacha.RoutingNumbers.IsValid(o.Routing), "Bank:Routing is not a routing number.")
    .ValidateOnStart();
var connectionString = builder.Configuration.GetConnectionString(ResourceNames.BankDatabase) ?? throw new InvalidOperationException(
    $"No connection string '{ResourceNames.BankDatabase}': run the bank through the AppHost (dotnet run --project src/DirectPay.AppHost).");
builder.Services.AddDbContextPool<BankDb>(options => options.UseBankDb(connectionString));
builder.EnrichNpgsqlDbContext<BankDb>();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();

var ach = app.MapGroup("/ach").RequireCustomerKey();
ach.MapReceiveFile();
ach.MapOutboundFiles();

await using (var scope = app.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<BankDb>().Database.MigrateAsync(); // the bank's schema is its own
app.Run();
