using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LossSearch.Workflows.Persistence;

/// <summary>Stores instants as UTC ticks so comparisons and ordering run in the database.</summary>
internal sealed class DateTimeOffsetTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
