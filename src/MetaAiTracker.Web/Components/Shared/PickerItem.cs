namespace MetaAiTracker.Web.Components.Shared;

/// <summary>One entry of a <see cref="NamePicker"/>: the slug the filter keeps and the text the user reads.</summary>
public sealed record PickerItem(string Slug, string Text);
