namespace Varde.TestIdentityProvider;

/// <summary>What is wrong with the next identity token the stand-in issues, so tests can show that Varde refuses it.</summary>
public enum TestFault
{
    None,

    /// <summary>The token names another client as its audience.</summary>
    WrongAudience,

    /// <summary>The token was issued two hours ago and ended an hour ago.</summary>
    Expired,
}

/// <summary>A one-shot switch: the next identity token gets the fault, later ones are sound again.</summary>
public sealed class TestFaults
{
    private int _next;

    public void ForNextToken(TestFault fault) => Interlocked.Exchange(ref _next, (int)fault);

    internal TestFault TakeNext() => (TestFault)Interlocked.Exchange(ref _next, (int)TestFault.None);
}
