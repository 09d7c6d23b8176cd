using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Session;

/// <summary>The logged-in session (<c>UserSession</c>); the key identifies it for TerminateSession.</summary>
/// <param name="Key">Session key.</param>
/// <param name="UserName">Authenticated user.</param>
/// <param name="FullName">User's full name.</param>
/// <param name="LoginTime">When the session logged in.</param>
public sealed record UserSession(string Key, string UserName, string FullName, DateTimeOffset? LoginTime)
{
    /// <summary>Parses a <c>UserSession</c> element.</summary>
    public static UserSession Parse(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new UserSession(
            element.Text("key") ?? "",
            element.Text("userName") ?? "",
            element.Text("fullName") ?? "",
            element.Time("loginTime"));
    }
}
