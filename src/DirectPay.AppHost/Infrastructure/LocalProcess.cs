using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace DirectPay.AppHost.Infrastructure;

/// <summary>What the local postgres and redis-server resources share: finding binaries, running as a user, secrets on disk.</summary>
[UnsupportedOSPlatform("windows")]
internal static class LocalProcess
{
    /// <summary>postgres and initdb refuse to run as root; setpriv drops to the postgres user and then execs.</summary>
    public static bool MustDropRoot(string user) => Environment.UserName == "root" && user != "root";

    public static (string Command, string[] PrefixArgs) AsUser(string user, string binary) =>
        MustDropRoot(user)
            ? (Require("setpriv", "util-linux"), [$"--reuid={user}", $"--regid={user}", "--init-groups", "--", binary])
            : (binary, []);

    public static string Require(string name, string debianPackage) => FindOnPath(name) ?? throw new MissingToolException(
        $"DirectPay needs {name} on PATH to run its local servers. Install it (Debian: apt-get install {debianPackage}).");

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static void Run(string command, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} exited with {process.ExitCode}: {stderr.Result}");
    }

    /// <summary>Gives a folder (and its files) to the user the server runs as.</summary>
    public static void GiveTo(string user, string path)
    {
        if (MustDropRoot(user)) Run("chown", ["-R", $"{user}:{user}", path]);
    }

    /// <summary>A password kept next to the data it protects, so a restart of the demo finds its data still readable.</summary>
    public static string ReadOrCreateSecret(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, secret);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}
