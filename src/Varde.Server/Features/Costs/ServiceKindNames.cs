using System.Text.Json;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Costs;

/// <summary>The services' names as the API writes them (kebab case, as every enum in Varde's JSON: <c>hospital-admissions</c>).</summary>
public static class ServiceKindNames
{
    public static string Of(ServiceUseKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static ServiceUseKind? Parse(string name) =>
        Enum.GetValues<ServiceUseKind>().Cast<ServiceUseKind?>()
            .FirstOrDefault(k => string.Equals(Of(k!.Value), name, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Value.ToString(), name, StringComparison.OrdinalIgnoreCase));

    public static string All => string.Join(", ", Enum.GetValues<ServiceUseKind>().Select(Of));
}
