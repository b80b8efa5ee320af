using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Data.Postgres;

/// <summary>
/// Makes <c>EF.Functions.Like</c> mean on PostgreSQL what it means on SQLite: a match that ignores the case of ASCII
/// letters only. SQLite's LIKE folds A–Z; PostgreSQL's LIKE folds nothing and its ILIKE folds whatever the database's
/// locale says (all of Unicode under most locales). Translated as <c>lower(x COLLATE "C") LIKE lower(p COLLATE "C")</c>:
/// under the "C" collation lower() changes A–Z and nothing else, whatever locale the database was created with, so
/// the timeline's search gives the same events on both providers. The trigram indexes serve the search through
/// <see cref="TrackerDbContext.EventIdsMatching"/>, not through this predicate.
/// </summary>
internal sealed class AsciiCaseInsensitiveLikeTranslator(ISqlExpressionFactory sql) : IMethodCallTranslator
{
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static readonly MethodInfo LikeWithEscape = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    public SqlExpression? Translate(SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments, IDiagnosticsLogger<DbLoggerCategory.Query> logger)
    {
        if (method != Like && method != LikeWithEscape)
        {
            return null;
        }

        return sql.Like(Lower(arguments[1]), Lower(arguments[2]), method == LikeWithEscape ? arguments[3] : null);
    }

    private SqlExpression Lower(SqlExpression text) => sql.Function(
        "lower", [new CollateExpression(text, "C")], nullable: true, argumentsPropagateNullability: [true], typeof(string), text.TypeMapping);
}

internal sealed class AsciiCaseInsensitiveLikePlugin(ISqlExpressionFactory sql) : IMethodCallTranslatorPlugin
{
    public IEnumerable<IMethodCallTranslator> Translators { get; } = [new AsciiCaseInsensitiveLikeTranslator(sql)];
}

/// <summary>Adds the translator to PostgreSQL contexts only (a context option, so SQLite contexts never see it).</summary>
internal sealed class AsciiCaseInsensitiveLikeExtension : IDbContextOptionsExtension
{
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        new EntityFrameworkRelationalServicesBuilder(services).TryAdd<IMethodCallTranslatorPlugin, AsciiCaseInsensitiveLikePlugin>();

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "AsciiCaseInsensitiveLike ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["AsciiCaseInsensitiveLike"] = "1";
    }
}
