// C#: the user_hash for the Messenger, computed on your server (never in the browser).
// Works on .NET Framework, Mono and .NET 5+ alike (no Convert.ToHexString, which needs .NET 5).
using System;
using System.Security.Cryptography;
using System.Text;

public static class UserHash
{
    /// Hashes userId when there is one (it wins over email), else email.
    public static string Compute(string secret, string userId, string email = null)
    {
        var identifier = userId ?? email;
        if (identifier == null) throw new ArgumentException("userId or email is required");
        using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret)))
        {
            var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(identifier));
            return BitConverter.ToString(hash).Replace("-", "").ToLowerInvariant();
        }
    }

    // <secret> <user_id> [email]: mcs UserHash.cs && mono UserHash.exe …, or in a .NET project: dotnet run -- …
    public static void Main(string[] args)
    {
        var userId = args[1].Length == 0 ? null : args[1];
        Console.WriteLine(Compute(args[0], userId, args.Length > 2 ? args[2] : null));
    }
}
