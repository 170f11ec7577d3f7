using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Varde.Components.Tests;

/// <summary>A bUnit context with the UI's real text resources (bokmål, the default language).</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        Services.AddLocalization();
    }
}
