namespace Varde.Server.Components;

/// <summary>The key for the UI's texts: <c>Ui.resx</c> (bokmål, the default) and <c>Ui.en.resx</c> (English).</summary>
public sealed class Ui;
