using System.Text.Json;
using Varde.Server.Infrastructure;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>The API's JSON options, for reading its responses in tests.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = Make();

    private static JsonSerializerOptions Make()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ProblemDetailsSetup.Configure(options);
        return options;
    }
}
