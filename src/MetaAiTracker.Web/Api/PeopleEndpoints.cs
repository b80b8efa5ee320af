using MetaAiTracker.Core.Domain;
using MetaAiTracker.Core.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MetaAiTracker.Web.Api;

/// <summary>A list answer: the items and how many there are.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items, int Total)
{
    public static ItemList<T> Of(IReadOnlyList<T> items) => new(items, items.Count);
}

/// <summary><c>GET /api/people</c> and <c>GET /api/people/{slug}</c>.</summary>
internal static class PeopleEndpoints
{
    public static RouteGroupBuilder MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");

        people.MapGet("/", ListAsync)
            .WithName("ListPeople")
            .WithSummary("Everyone in the dataset with their latest tenure in the lab (MSL unless `lab` says otherwise).");

        people.MapGet("/{slug}", GetAsync)
            .WithName("GetPerson")
            .WithSummary("One person with tenures, events and citations.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    internal static async Task<Results<Ok<ItemList<PersonRow>>, ValidationProblem>> ListAsync(
        [FromQuery(Name = "lab")] string? lab, PeopleService people, EventService catalog, CancellationToken cancellationToken)
    {
        var organization = AttritionRequest.DefaultOrganization;
        if (!string.IsNullOrWhiteSpace(lab))
        {
            organization = lab.Trim();
            var organizations = await catalog.OrganizationsAsync(cancellationToken);
            if (!organizations.Any(o => o.Slug == organization))
            {
                return ApiProblems.Invalid("lab", $"unknown organization '{Excerpt.Of(organization)}'");
            }
        }

        return TypedResults.Ok(ItemList<PersonRow>.Of(await people.ListAsync(organization, cancellationToken)));
    }

    internal static async Task<Results<Ok<PersonDetail>, ProblemHttpResult>> GetAsync(
        string slug, PeopleService people, CancellationToken cancellationToken)
    {
        var detail = await people.GetAsync(slug, cancellationToken);
        return detail is null ? ApiProblems.NotFound("person", slug) : TypedResults.Ok(detail);
    }
}
