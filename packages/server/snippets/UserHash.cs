// C#: the user_hash for the Messenger, computed on your server (never in the browser).
using System;
using System.Security.Cryptography;
using System.Text;

public static class UserHash
{
    /// Hashes userId when there is one (it wins over email), else email.
    public static string Compute(string secret, string? userId, string? email = null)
    {
        var identifier = userId ?? email ?? throw new ArgumentException("userId or email is required");
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(identifier));
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    // dotnet run -- <secret> <user_id> [email]   (C# 10 / .NET 6 or later)
    public static void Main(string[] args)
    {
        var userId = args[1].Length == 0 ? null : args[1];
        Console.WriteLine(Compute(args[0], userId, args.Length > 2 ? args[2] : null));
    }
}
