using System.Text.Json;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Time;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Customers;

public sealed class ContactHoursTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void The_best_contact_time_is_the_hour_the_customer_is_usually_active()
    {
        var hours = new ContactHours();
        for (var week = 0; week < 5; week++) hours.Observe(T0.AddDays(7 * week).AddHours(2.5), Shanghai, TimeSpan.FromDays(30)); // Mondays 12:30
        var monday9am = new DateTimeOffset(2025, 4, 7, 1, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2025, 4, 7, 4, 0, 0, TimeSpan.Zero), hours.BestWithinDay(monday9am, Shanghai));
        Assert.Equal(1.5, hours.ContextWeight(monday9am.AddHours(3), Shanghai));
        Assert.Equal(0.5, hours.ContextWeight(monday9am, Shanghai));
    }

    [Fact]
    public void Old_habits_fade()
    {
        var hours = new ContactHours();
        for (var i = 0; i < 5; i++) hours.Observe(T0.AddMinutes(i), Shanghai, TimeSpan.FromDays(7)); // Monday 10:00
        for (var i = 0; i < 3; i++) hours.Observe(T0.AddDays(63).AddHours(6).AddMinutes(i), Shanghai, TimeSpan.FromDays(7)); // Monday 16:00, 9 weeks later
        var mondayMorning = T0.AddDays(70).AddHours(-1);
        Assert.Equal(T0.AddDays(70).AddHours(6), hours.BestWithinDay(mondayMorning, Shanghai));
    }

    [Fact]
    public void The_days_of_the_week_are_folded_together()
    {
        var hours = new ContactHours();
        for (var day = 1; day <= 4; day++) hours.Observe(T0.AddDays(day).AddHours(9.5), Shanghai, TimeSpan.FromDays(30)); // Tue-Fri 19:30
        // Never active on a Monday, yet Monday 19:00 is their hour.
        Assert.Equal(T0.AddDays(7).AddHours(9), hours.BestWithinDay(T0.AddDays(7), Shanghai));
    }

    [Fact]
    public void The_best_hour_is_never_in_quiet_hours()
    {
        var hours = new ContactHours();
        for (var day = 0; day < 5; day++) hours.Observe(T0.AddDays(day).AddHours(12.5), Shanghai, TimeSpan.FromDays(30)); // 22:30
        hours.Observe(T0.AddDays(5).AddHours(8.5), Shanghai, TimeSpan.FromDays(30)); // 18:30 once
        var quiet = new QuietHours(new TimeOnly(21, 0), new TimeOnly(9, 0));
        Assert.Equal(T0.AddDays(7).AddHours(12), hours.BestWithinDay(T0.AddDays(7), Shanghai));
        Assert.Equal(T0.AddDays(7).AddHours(8), hours.BestWithinDay(T0.AddDays(7), Shanghai, quiet)); // 18:00, the best they allow
    }

    [Fact]
    public void Without_enough_evidence_no_time_is_preferred()
    {
        var hours = new ContactHours();
        hours.Observe(T0, Shanghai, TimeSpan.FromDays(30));
        Assert.Null(hours.BestWithinDay(T0, Shanghai));
        Assert.Equal(1, hours.ContextWeight(T0, Shanghai));
    }

    [Fact]
    public void The_histogram_survives_a_snapshot_in_its_dense_stored_shape()
    {
        var hours = new ContactHours();
        for (var i = 0; i < 6; i++) hours.Observe(T0.AddDays(i).AddHours(i % 2 * 5), Shanghai, TimeSpan.FromDays(30));

        var json = JsonSerializer.Serialize(hours, StateJson.Options);
        var loaded = JsonSerializer.Deserialize<ContactHours>(json, StateJson.Options)!;

        Assert.Equal(ContactHours.Slots, JsonDocument.Parse(json).RootElement.GetProperty("w").GetArrayLength());
        Assert.Equal(hours.Evidence, loaded.Evidence);
        var later = T0.AddDays(8);
        Assert.Equal(hours.BestWithinDay(later, Shanghai), loaded.BestWithinDay(later, Shanghai));
        Assert.Equal(hours.ContextWeight(later.AddHours(5), Shanghai), loaded.ContextWeight(later.AddHours(5), Shanghai));
    }
}
