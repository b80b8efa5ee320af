using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace MetaAiTracker.Web.Editing;

/// <summary>
/// The signed-in editor of this circuit. Editor pages are already [Authorize(Roles = "Editor")]; every write asks
/// again here, so that no code path writes for someone who is not (or no longer) an editor.
/// </summary>
public sealed class CurrentEditor(AuthenticationStateProvider authentication, IOptions<EditingOptions> editing)
{
    /// <summary>The editor's email, or an <see cref="UnauthorizedAccessException"/>.</summary>
    public async Task<string> RequireAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (!editing.Value.IsConfigured || !state.User.IsInRole(Roles.Editor) || state.User.Identity?.Name is not { Length: > 0 } name)
        {
            throw new UnauthorizedAccessException("Only a signed-in editor can change the dataset.");
        }

        return name;
    }
}
