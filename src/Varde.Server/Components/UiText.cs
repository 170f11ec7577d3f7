using System.Globalization;
using Varde.Domain.Services;

namespace Varde.Server.Components;

/// <summary>The UI's language choice and how it writes times (Norwegian local time, in the chosen culture).</summary>
public static class UiText
{
    /// <summary>True when the user chose English; the domain's explanations come as bokmål and English pairs.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>An instant as Norwegian local time, e.g. format "d.M.yy HH:mm".</summary>
    public static string Time(DateTimeOffset at, string format) => NorwegianTime.ToLocal(at).ToString(format, CultureInfo.CurrentCulture);
}
