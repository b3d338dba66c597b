using DirectPay;
using DirectPay.AppHost;
using DirectPay.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// How many PaymentWorkers share the stream (default 1 in appsettings.json). It shapes the model, so it is read as the
// model is built, from the parameters' configuration section, rather than resolved later as a parameter resource is;
// checked first, before anything (docker info, local servers) is looked for.
var workerReplicasText = builder.Configuration["Parameters:worker-replicas"] ?? "1";
if (!int.TryParse(workerReplicasText, out var workerReplicas) || workerReplicas < 1)
{
    Console.Error.WriteLine($"Parameters:worker-replicas is '{workerReplicasText}': give a whole number of at least 1.");
    return 1;
}

DirectPayInfrastructure infrastructure;
try
{
    // containers, or local executables without a container engine; the server holds every service's pool at once
    infrastructure = builder.AddDirectPayInfrastructure(ConnectionBudget.Server(workerReplicas));
}
catch (MissingToolException missing)
{
    Console.Error.WriteLine(missing.Message);
    return 1;
}

var jwtSigningKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false },
    secret: true, persist: true);
var adminEmail = builder.AddParameter("admin-email"); // default in appsettings.json
var adminPassword = builder.AddParameter("admin-password", new GenerateParameterDefault { MinLength = 20 },
    secret: true, persist: true);

var timeScale = builder.AddParameter("time-scale"); // default in appsettings.json: 1 is the banks' real answer times
// What DirectPay presents to its bank on every call, as a real bank issues its customer credentials.
var bankApiKey = builder.AddParameter("bank-api-key", new GenerateParameterDefault { MinLength = 48, Special = false },
    secret: true, persist: true);
// The key-encryption key account numbers are sealed under (ADR 0015); the bank never gets it.
var vaultKey = builder.AddParameter("vault-key", new GenerateParameterDefault { MinLength = 48, Special = false },
    secret: true, persist: true);
var (database, bankDatabase, redis) = infrastructure;
// The banking calendar: 1 is the Fed's own; the demo's default, 720, passes a banking day in two minutes. Every service
// counts banking time from one epoch, so they agree on it without asking one another (docs/decisions/0014).
var calendarSpeed = builder.AddParameter("calendar-speed"); // default in appsettings.json
var calendarEpoch = BankingCalendar.Epoch(builder);

// The bank: DirectPay's ODFI and the receiving banks behind it, simulated, with its own database.
var bank = builder.AddProject<Projects.DirectPay_Bank>(ResourceNames.Bank)
    .WithReference(bankDatabase).WaitFor(bankDatabase)
    .WithEnvironment("Bank__ApiKey", bankApiKey)
    .WithBankAgreement()
    .WithBankingCalendar(calendarSpeed, calendarEpoch, timeScale)
    .WithHttpHealthCheck(HealthPaths.Health)
    .WithoutHttpsCertificate();

var api = builder.AddProject<Projects.DirectPay_Api>(ResourceNames.Api)
    .WithReference(database).WaitFor(database)
    .WithReference(redis).WaitFor(redis)
    .WithReference(bank)
    .WithEnvironment("Bank__ApiKey", bankApiKey)
    .WithEnvironment("Jwt__SigningKey", jwtSigningKey)
    .WithVaultKeys(vaultKey)
    .WithEnvironment("DirectPay__Admin__Email", adminEmail)
    .WithEnvironment("DirectPay__Admin__Password", adminPassword)
    .WithHttpHealthCheck(HealthPaths.Health)
    .WithoutHttpsCertificate() // plain http: no dev certificate to want, so the dashboard opens without a warning
    .WithSeedDemoDataCommand();
api.WithUrl($"{api.GetEndpoint("http")}/scalar/v1", "API reference (Scalar)");

builder.AddProject<Projects.DirectPay_PaymentWorker>(ResourceNames.PaymentWorker)
    .WithReplicas(workerReplicas) // consumers of one group share the stream
    .WithReference(database)
    .WithReference(redis).WaitFor(redis)
    .WithReference(bank).WaitFor(bank)
    .WithEnvironment("Bank__ApiKey", bankApiKey)
    .WaitFor(api) // the api applies the migrations before it serves
    .WithBankAgreementAsCustomer()
    .WithBankingCalendar(calendarSpeed, calendarEpoch, timeScale)
    .WithVaultKeys(vaultKey)
    .WithHttpHealthCheck(HealthPaths.Health)
    .WithoutHttpsCertificate();

builder.PrintWhenHealthy(api);
builder.Build().Run();
return 0;
