using System.Reflection;
using System.Text.Json;
using LossSearch.Workflows.Definitions;

namespace LossSearch.Workflows.Activities;

/// <summary>
/// The activity types definitions may name. <see cref="AddFrom"/> registers every concrete
/// <see cref="Activity"/> carrying <see cref="ActivityAttribute"/> in an assembly, so a library of
/// activities registers itself with one call.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityDescriptor> _byType = new(StringComparer.Ordinal);

    /// <summary>A registry holding the engine's generic built-in activities (Echo, Ticker).</summary>
    public static ActivityRegistry WithBuiltIns() => new ActivityRegistry().AddFrom(typeof(ActivityRegistry).Assembly);

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => _byType.Values.OrderBy(d => d.Type, StringComparer.Ordinal).ToList();

    public ActivityRegistry AddFrom(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Activity).IsAssignableFrom(t)
                     && t.GetCustomAttribute<ActivityAttribute>() is not null))
            Add(type);
        return this;
    }

    public ActivityRegistry Add<TActivity>() where TActivity : Activity, new() => Add(typeof(TActivity));

    public ActivityRegistry Add(Type type)
    {
        var descriptor = Describe(type);
        if (_byType.TryGetValue(descriptor.Type, out var existing) && existing.ClrType != type)
            throw new InvalidOperationException($"Activity type name '{descriptor.Type}' is taken by {existing.ClrType.FullName} and {type.FullName}.");
        _byType[descriptor.Type] = descriptor;
        return this;
    }

    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type);

    public ActivityDescriptor Get(string type) =>
        Find(type) ?? throw new WorkflowValidationException([new ValidationError("$.type", $"unknown activity type '{type}'")]);

    public Activity Create(ActivityDescriptor descriptor) => (Activity)Activator.CreateInstance(descriptor.ClrType)!;

    private static ActivityDescriptor Describe(Type type)
    {
        if (!typeof(Activity).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"{type.FullName} is not a concrete Activity with a public parameterless constructor.", nameof(type));
        var attribute = type.GetCustomAttribute<ActivityAttribute>() ?? new ActivityAttribute();
        var prototype = (Activity)Activator.CreateInstance(type)!;
        var inputs = new List<InputDescriptor>();
        var outputs = new List<OutputDescriptor>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<InputAttribute>() is { } input)
            {
                if (!property.CanWrite) throw new ArgumentException($"{type.Name}.{property.Name} is an input but has no setter.");
                JsonElement? defaultValue = input.Required ? null : JsonSerializer.SerializeToElement(property.GetValue(prototype), property.PropertyType, ValueJson.Options);
                inputs.Add(new InputDescriptor(input.Name ?? CamelCase(property.Name), JsonTypeNames.Of(property.PropertyType), defaultValue,
                    input.Required, input.Description, input.UIHint)
                {
                    Property = property,
                    ItemType = JsonTypeNames.ItemOf(property.PropertyType),
                    ValueType = JsonTypeNames.ShortName(property.PropertyType),
                    ChoiceRule = input.Choices is null ? null : ChoicesOf(input.Choices, type, property),
                    Minimum = double.IsNaN(input.Minimum) ? null : input.Minimum,
                    Maximum = double.IsNaN(input.Maximum) ? null : input.Maximum,
                    ExclusiveMinimum = input.ExclusiveMinimum,
                    ExclusiveMaximum = input.ExclusiveMaximum,
                    Kind = input.Kind,
                });
            }
            if (property.GetCustomAttribute<OutputAttribute>() is { } output)
                outputs.Add(new OutputDescriptor(output.Name ?? CamelCase(property.Name), JsonTypeNames.Of(property.PropertyType), output.Description)
                {
                    Property = property,
                    ItemType = JsonTypeNames.ItemOf(property.PropertyType),
                    ValueType = JsonTypeNames.ShortName(property.PropertyType),
                });
        }
        return new ActivityDescriptor(
            attribute.Type ?? type.Name,
            attribute.DisplayName ?? type.Name,
            attribute.Description,
            attribute.Category,
            Math.Max(1, attribute.MaxAttempts),
            inputs, outputs) { ClrType = type, ExecutionGroup = attribute.ExecutionGroup };
    }

    private static IInputChoices ChoicesOf(Type choices, Type activity, PropertyInfo property)
    {
        if (!typeof(IInputChoices).IsAssignableFrom(choices) || choices.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"{activity.Name}.{property.Name}: Choices = {choices.Name} is not an IInputChoices with a public parameterless constructor.");
        return (IInputChoices)Activator.CreateInstance(choices)!;
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
