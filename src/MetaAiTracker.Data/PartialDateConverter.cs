using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MetaAiTracker.Data;

/// <summary>Stores a <see cref="PartialDate"/> in its canonical text form ("2025", "2025-Q3", "2025-08", "2025-08-29").</summary>
public sealed class PartialDateConverter() : ValueConverter<PartialDate, string>(
    date => date.ToString(),
    text => PartialDate.Parse(text));
