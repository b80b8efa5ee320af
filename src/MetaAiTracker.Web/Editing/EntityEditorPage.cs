using MetaAiTracker.Data.Dataset;
using MetaAiTracker.Data.Editing;
using MetaAiTracker.Web.Components.Editor;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MetaAiTracker.Web.Editing;

/// <summary>
/// What the editor pages for tenures, organisations and sources share: load by slug (or start a new one), save with
/// the version the form started from (a conflict shows both versions), field-level problems, delete after a
/// confirmation, and the history below. A page supplies the form markup and the few entity-specific calls.
/// </summary>
public abstract class EntityEditorPage<TForm, TDto> : ComponentBase
    where TForm : class, new()
    where TDto : class
{
    [Inject] protected DatasetEditor Editor { get; set; } = null!;
    [Inject] protected CurrentEditor CurrentEditor { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;
    [Inject] protected IDialogService Dialogs { get; set; } = null!;
    [Inject] protected ISnackbar Snackbar { get; set; } = null!;
    [Inject] protected IScrollManager Scroll { get; set; } = null!;

    [Parameter] public string? Slug { get; set; }

    protected bool IsNew => Slug is null;
    protected TForm Model { get; set; } = new();
    protected int Version { get; private set; }
    protected string Name { get; private set; } = "";
    protected EditorChoices Choices { get; private set; } = EditorChoices.None;
    protected FieldErrors Errors { get; } = new();
    protected IReadOnlyList<DatasetProblem> Problems { get; private set; } = [];
    protected EditorConflict? Conflict { get; private set; }
    protected bool Loading { get; private set; } = true;
    protected bool Missing { get; private set; }
    protected bool Saving { get; private set; }
    protected EditorFrame? Frame { get; set; }
    protected List<BreadcrumbItem> Breadcrumbs { get; private set; } = [];

    private bool _showFeedback;

    /// <summary>"tenure", "organization", "source": as in the history.</summary>
    protected abstract string EntityType { get; }

    /// <summary>"tenure", "organisation", "source": as the page says it.</summary>
    protected abstract string Noun { get; }

    /// <summary>The address of the editor page of an entity: "/editor/tenures/{slug}/edit".</summary>
    protected abstract string EditHref(string slug);

    /// <summary>Where to go after a delete.</summary>
    protected virtual string AfterDeleteHref => "/editor";

    protected abstract Task<Editable<TDto>?> GetAsync(string slug);

    protected abstract Task<SaveResult<TDto>> SaveAsync(TDto dto, int? expectedVersion, string user, bool overwrite);

    protected abstract Task<SaveResult<TDto>> DeleteAsync(string slug, int expectedVersion, string user);

    protected abstract TForm FormOf(TDto dto);

    protected abstract TDto DtoOf(TForm form);

    protected abstract string NameOf(TDto dto);

    protected abstract string SlugOf(TDto dto);

    /// <summary>A new entity's form, e.g. with the person of a new tenure filled in from the address.</summary>
    protected virtual TForm NewForm() => new();

    /// <summary>What the delete confirmation warns about.</summary>
    protected abstract string DeleteWarning { get; }

    /// <summary>Anything else to load with the entity (the page's own lists).</summary>
    protected virtual Task LoadMoreAsync() => Task.CompletedTask;

    protected virtual IEnumerable<BreadcrumbItem> ParentCrumbs => [];

    protected string Title => IsNew ? $"New {Noun}" : $"Edit {Noun}: {Name}";

    protected override Task OnParametersSetAsync() => LoadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A refused save or a conflict is reported at the top of a long form: bring it into view.
        if (_showFeedback)
        {
            _showFeedback = false;
            await Scroll.ScrollIntoViewAsync("#editor-feedback", ScrollBehavior.Smooth);
        }
    }

    protected async Task LoadAsync()
    {
        Loading = true;
        Missing = false;
        Choices = await Editor.ChoicesAsync();
        Errors.Clear();
        Problems = [];
        Conflict = null;
        if (IsNew)
        {
            Model = NewForm();
        }
        else if (await GetAsync(Slug!) is { } editable)
        {
            Model = FormOf(editable.Dto);
            Version = editable.Version;
            Name = NameOf(editable.Dto);
        }
        else
        {
            Missing = true;
        }

        await LoadMoreAsync();
        Breadcrumbs = [new("Editing", "/editor"), .. ParentCrumbs, new(IsNew ? $"New {Noun}" : Name, null, disabled: true)];
        Loading = false;
        if (Frame is not null)
        {
            await Frame.ReloadHistoryAsync();
        }
    }

    protected async Task SaveAsync(bool overwrite)
    {
        Saving = true;
        try
        {
            var user = await CurrentEditor.RequireAsync();
            var dto = DtoOf(Model);
            var result = await SaveAsync(dto, IsNew ? null : Version, user, overwrite);
            Problems = result.Problems;
            if (result.Status == SaveStatus.Saved)
            {
                Snackbar.Add(IsNew ? $"{Capitalized} created." : $"{Capitalized} saved.", Severity.Success);
                if (IsNew)
                {
                    Navigation.NavigateTo(EditHref(SlugOf(result.Current!)));
                }
                else
                {
                    await LoadAsync();
                }
            }
            else if (result.Status == SaveStatus.Conflict)
            {
                Errors.Clear();
                Conflict = new EditorConflict(EntityJson.Write(result.Current!), EntityJson.Write(dto), result.Version, result.LastChange);
            }
            else
            {
                Errors.Set(result.Problems);
            }
        }
        finally
        {
            Saving = false;
            _showFeedback = Conflict is not null || Errors.Count > 0;
        }
    }

    protected async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete this {Noun}?", DeleteWarning, yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        Saving = true;
        try
        {
            var user = await CurrentEditor.RequireAsync();
            var result = await DeleteAsync(Slug!, Version, user);
            if (result.Succeeded)
            {
                Snackbar.Add($"{Capitalized} deleted.", Severity.Success);
                Navigation.NavigateTo(AfterDeleteHref);
                return;
            }

            if (result.Status == SaveStatus.Conflict && result.Current is not null)
            {
                Errors.Clear();
                Conflict = new EditorConflict(EntityJson.Write(result.Current), EntityJson.Write(DtoOf(Model)), result.Version, result.LastChange);
                return;
            }

            Problems = result.Problems;
            Errors.Set(result.Problems);
        }
        finally
        {
            Saving = false;
            _showFeedback = Conflict is not null || Errors.Count > 0;
        }
    }

    private string Capitalized => char.ToUpperInvariant(Noun[0]) + Noun[1..];
}

/// <summary>Their saved version and the editor's unsaved one, to show side by side.</summary>
public sealed record EditorConflict(string TheirsJson, string YoursJson, int Version, ChangeInfo? LastChange);
