using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DirectPay.Data;

public static class Migrating
{
    /// <summary>
    /// For the context that applies migrations as a service starts. On a new database EF learns what is missing by
    /// trying (connecting to the database, reading its history table) and logs each expected failure as an error: a red
    /// mark in the dashboard at every first start. Here, and only here, those are information; a migration that fails
    /// still throws and stops the service.
    /// </summary>
    public static TBuilder LoggingFirstStartProbesAsInformation<TBuilder>(this TBuilder options, ILoggerFactory loggers)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseLoggerFactory(loggers).ConfigureWarnings(w => w.Log((RelationalEventId.ConnectionError, LogLevel.Information),
            (RelationalEventId.CommandError, LogLevel.Information)));
        return options;
    }
}
