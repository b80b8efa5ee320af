using MetaAiTracker.Core.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MetaAiTracker.Data;

/// <summary>Stores a <see cref="QuoteLocator"/> in its canonical text form ("¶5:23-51").</summary>
public sealed class QuoteLocatorConverter() : ValueConverter<QuoteLocator, string>(
    locator => locator.ToString(),
    text => QuoteLocator.Parse(text));
