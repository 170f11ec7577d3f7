namespace Varde.Server.Components.Admin;

/// <summary>Where an administrator previews a questionnaire version as the patient will see it: in the patient app's own frame (App.razor).</summary>
public static class QuestionnairePreview
{
    public static string Path(string id, string version) => $"/admin/sporreskjema/{Uri.EscapeDataString(id)}/forhandsvisning/{Uri.EscapeDataString(version)}";

    public static bool IsPreviewPath(PathString path) =>
        path.StartsWithSegments("/admin/sporreskjema") && path.Value?.Contains("/forhandsvisning/", StringComparison.Ordinal) == true;
}
