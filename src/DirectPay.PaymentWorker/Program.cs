using DirectPay;
using DirectPay.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSingleton(TimeProvider.System);
builder.AddDirectPayDb(ResourceNames.Database);
builder.AddRedisClient(ResourceNames.Redis);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
