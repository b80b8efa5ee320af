namespace MetaAiTracker.Core.Domain;

/// <summary>
/// An entity that editors change through forms. <see cref="Version"/> is its optimistic-concurrency token: it goes up
/// by one on every save, and a save that started from an older version is refused (SQLite has no rowversion).
/// </summary>
public interface IVersioned
{
    /// <summary>Goes up by one on every saved change; a save names the version it started from.</summary>
    int Version { get; set; }
}

public enum ChangeAction
{
    Create = 0,
    Update = 1,
    Delete = 2,
}

/// <summary>
/// One recorded change of the dataset: which entity (by type and slug), what was done, by whom, when, and the entity
/// before and after as dataset-format JSON (an <c>EventDto</c>, <c>PersonDto</c>, …), so that a version can be re-applied.
/// </summary>
public sealed class ChangeRecord
{
    public long Id { get; set; }

    /// <summary>"event", "person", "figure", "tenure", "organization", "source" or "theme".</summary>
    public required string EntityType { get; set; }

    public required string Slug { get; set; }
    public ChangeAction Action { get; set; }

    /// <summary>Email of the editor who made the change.</summary>
    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Why, in a few words: "Edited", "Restored the version before change #12", "Import of meta-ai-2025".</summary>
    public string? Summary { get; set; }

    /// <summary>The entity before the change; null for a create.</summary>
    public string? BeforeJson { get; set; }

    /// <summary>The entity after the change; null for a delete.</summary>
    public string? AfterJson { get; set; }
}
