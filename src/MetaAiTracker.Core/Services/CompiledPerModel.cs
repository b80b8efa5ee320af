using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MetaAiTracker.Core.Services;

/// <summary>
/// A compiled EF query, compiled once per EF model. A compiled query binds to the first model it runs against and
/// throws on any other, and a process can hold several models (one per service provider: several app hosts in one
/// test run, the design-time factory). In the app there is one model, so this compiles once.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext context) => _byModel.GetValue(context.Model, _ => compile());
}
