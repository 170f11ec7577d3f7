namespace Varde.Server.Components.PatientApp;

/// <summary>
/// The key for the patient app's texts: <c>PatientUi.resx</c> (bokmål, the default) and <c>PatientUi.en.resx</c>
/// (English). Nynorsk (<c>PatientUi.nn.resx</c>) and Northern Sami (<c>PatientUi.se.resx</c>) go beside them.
/// </summary>
public sealed class PatientUi;
