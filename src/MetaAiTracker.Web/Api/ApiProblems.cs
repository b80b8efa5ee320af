using MetaAiTracker.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaAiTracker.Web.Api;

/// <summary>The API's two error shapes: 400 with <c>errors</c> keyed by parameter name, and 404 for an unknown slug.</summary>
internal static class ApiProblems
{
    public const string InvalidParametersTitle = "One or more parameters are not valid.";

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            detail: "See 'errors': each key is a query parameter, each value says what is wrong with it.",
            title: InvalidParametersTitle);

    public static ValidationProblem Invalid(string parameter, string message) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [parameter] = [message] });

    public static ProblemHttpResult NotFound(string what, string slug) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: $"No such {what}.",
            detail: $"There is no {what} with the slug '{Excerpt.Of(slug)}'.");

    /// <summary>Adds the errors of <paramref name="more"/> to <paramref name="errors"/>, keeping both lists of messages.</summary>
    public static Dictionary<string, string[]> Merge(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string[]> more)
    {
        var merged = errors.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (key, messages) in more)
        {
            merged[key] = merged.TryGetValue(key, out var existing) ? [.. existing, .. messages] : messages;
        }

        return merged;
    }
}
