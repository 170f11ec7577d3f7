using System.Security.Cryptography;
using System.Text;

namespace Varde.Server.Demo;

/// <summary>Stable ids for demo records, so the demo has the same patients and logins on every start.</summary>
public static class DemoIds
{
    public static Guid For(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("varde-demo:" + name)).AsSpan(0, 16));
}
