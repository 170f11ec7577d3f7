using Npgsql;

namespace Varde.Data.Tests;

/// <summary>Varde's PostgreSQL connection defaults apply where the connection string is silent, and never over what it says.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void ASilentConnectionString_GetsNoResetOnCloseAndAutoPrepare()
    {
        var tuned = new NpgsqlConnectionStringBuilder(VardeDatabase.Tuned("Host=127.0.0.1;Port=5432;Username=varde;Database=varde"));

        tuned.NoResetOnClose.ShouldBeTrue();
        tuned.MaxAutoPrepare.ShouldBe(100);
        tuned.AutoPrepareMinUsages.ShouldBe(2);
        tuned.Host.ShouldBe("127.0.0.1");
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;maxautoprepare=0")]
    public void WhatTheConnectionStringSays_IsKept(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(VardeDatabase.Tuned(connectionString));

        tuned.NoResetOnClose.ShouldBeFalse();
        tuned.MaxAutoPrepare.ShouldBe(0);
    }
}
