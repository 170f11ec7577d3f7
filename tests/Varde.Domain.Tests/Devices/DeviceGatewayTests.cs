using Varde.Domain.Devices;

namespace Varde.Domain.Tests.Devices;

public sealed class DeviceGatewayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);
    private static readonly Guid Service = Guid.NewGuid();

    private static (DeviceGateway Gateway, string Secret) Registered() =>
        DeviceGateway.Register(Guid.NewGuid(), "omron-hub.horten", "Omron-hub Horten", Service, "admin", Now).Value;

    [Fact]
    public void Register_MakesA256BitSecret_AndKeepsOnlyItsHash()
    {
        var (gateway, secret) = Registered();

        Convert.FromBase64String(secret.Replace('-', '+').Replace('_', '/') + "=").Length.ShouldBe(32);
        gateway.Secrets.ShouldHaveSingleItem().Hash.ShouldBe(DeviceGateway.Hash(secret));
        gateway.Secrets[0].Hash.ShouldNotContain(secret);
        gateway.Secrets[0].ValidUntil.ShouldBeNull();
        gateway.Accepts(secret, Now).ShouldBe(gateway.Secrets[0]);
        gateway.Accepts(secret + "x", Now).ShouldBeNull();
        gateway.Accepts(null, Now).ShouldBeNull();
        Registered().Secret.ShouldNotBe(secret);
    }

    [Theory]
    [InlineData(null, "name", "clientId")]
    [InlineData("ab", "name", "clientId")]
    [InlineData("Omron-Hub", "name", "clientId")]
    [InlineData("-hub", "name", "clientId")]
    [InlineData("hub med mellomrom", "name", "clientId")]
    [InlineData("omron-hub", "", "name")]
    [InlineData("omron-hub", "  ", "name")]
    public void Register_RefusesABadClientIdOrName_ByField(string? clientId, string name, string field) =>
        DeviceGateway.Register(Guid.NewGuid(), clientId, name, Service, "admin", Now).Errors.ShouldHaveSingleItem().Field.ShouldBe(field);

    [Fact]
    public void Register_TrimsAndAcceptsTheLongestClientIdAndName()
    {
        var longest = "a" + new string('b', DeviceGateway.MaxClientIdLength - 1);

        var (gateway, _) = DeviceGateway.Register(Guid.NewGuid(), $" {longest} ", new string('n', DeviceGateway.MaxNameLength), Service, "admin", Now).Value;

        gateway.ClientId.ShouldBe(longest);
        DeviceGateway.Register(Guid.NewGuid(), longest + "b", "Hub", Service, "admin", Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("clientId");
        DeviceGateway.Register(Guid.NewGuid(), "hub", new string('n', DeviceGateway.MaxNameLength + 1), Service, "admin", Now).Errors
            .ShouldHaveSingleItem().Field.ShouldBe("name");
    }

    [Fact]
    public void RegisterWithSecret_WantsAtLeast16Characters() =>
        DeviceGateway.RegisterWithSecret(Guid.NewGuid(), "demo-gateway", "Demo", Service, "short-secret", "demo", Now).Errors
            .ShouldHaveSingleItem().Field.ShouldBe("secret");

    [Fact]
    public void Rotate_LetsTheOldSecretWorkUntilTheOverlapEnds_ThenOnlyTheNew()
    {
        var (gateway, old) = Registered();
        var rotatedAt = Now.AddDays(10);

        var fresh = gateway.Rotate(TimeSpan.FromHours(24), rotatedAt).Value;

        fresh.ShouldNotBe(old);
        gateway.Secrets.Count.ShouldBe(2);
        gateway.Accepts(old, rotatedAt.AddHours(24).AddTicks(-1)).ShouldNotBeNull();
        gateway.Accepts(old, rotatedAt.AddHours(24)).ShouldBeNull();
        gateway.Accepts(fresh, rotatedAt).ShouldBe(gateway.Secrets[1]);
        gateway.Accepts(fresh, rotatedAt.AddYears(1)).ShouldNotBeNull();
        gateway.Honours(gateway.Secrets[0].Id, rotatedAt.AddHours(23)).ShouldBeTrue();
        gateway.Honours(gateway.Secrets[0].Id, rotatedAt.AddHours(24)).ShouldBeFalse();
        gateway.Honours(gateway.Secrets[1].Id, rotatedAt.AddHours(24)).ShouldBeTrue();
    }

    [Fact]
    public void Rotate_WithNoOverlap_EndsTheOldSecretAtOnce()
    {
        var (gateway, old) = Registered();

        var fresh = gateway.Rotate(TimeSpan.Zero, Now.AddHours(1)).Value;

        gateway.Accepts(old, Now.AddHours(1)).ShouldBeNull();
        gateway.Accepts(fresh, Now.AddHours(1)).ShouldNotBeNull();
    }

    [Fact]
    public void RotatingAgainDuringAnOverlap_NeverLengthensAnOldSecret()
    {
        var (gateway, first) = Registered();
        var second = gateway.Rotate(TimeSpan.FromHours(2), Now).Value;

        var third = gateway.Rotate(TimeSpan.FromHours(48), Now.AddHours(1)).Value;

        gateway.Secrets.Select(s => s.ValidUntil).ShouldBe([Now.AddHours(2), Now.AddHours(49), null]);
        gateway.Accepts(first, Now.AddHours(3)).ShouldBeNull();
        gateway.Accepts(second, Now.AddHours(48)).ShouldNotBeNull();
        gateway.Accepts(third, Now.AddHours(48)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(721)]
    public void Rotate_RefusesAnOverlapOutside0To720Hours(int hours)
    {
        var (gateway, secret) = Registered();

        gateway.Rotate(TimeSpan.FromHours(hours), Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("overlapHours");

        gateway.Secrets.ShouldHaveSingleItem();
        gateway.Accepts(secret, Now.AddYears(1)).ShouldNotBeNull();
    }

    [Fact]
    public void Revoke_EndsEverySecretAndToken_AndCannotBeRotatedAfter()
    {
        var (gateway, old) = Registered();
        var fresh = gateway.Rotate(TimeSpan.FromDays(7), Now).Value;

        gateway.Revoke("admin", Now.AddHours(1)).ShouldBeTrue();

        gateway.Accepts(old, Now.AddHours(1)).ShouldBeNull();
        gateway.Accepts(fresh, Now.AddHours(1)).ShouldBeNull();
        gateway.Honours(gateway.Secrets[1].Id, Now.AddHours(1)).ShouldBeFalse();
        gateway.Rotate(TimeSpan.Zero, Now.AddHours(2)).Errors.ShouldHaveSingleItem().Field.ShouldBe("id");
        gateway.Revoke("admin", Now.AddHours(3)).ShouldBeFalse();
        gateway.RevokedAt.ShouldBe(Now.AddHours(1));
    }

    [Fact]
    public void ASecret_DoesNotCountBeforeItWasMade() =>
        new GatewaySecret(Guid.NewGuid(), "x", Now, null).ValidAt(Now.AddTicks(-1)).ShouldBeFalse();
}
