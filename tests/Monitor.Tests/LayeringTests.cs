using System.Reflection;

namespace Monitor.Tests;

/// <summary>
/// Data flows one way: fetch → parse → dedup → score → store → digest → send, then the jobs and verbs that chain them.
/// No type in an earlier folder may reference a type in a later one (checked on signatures, fields and locals).
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Order = ["Feeds", "Dedup", "Scoring", "Storage", "Digest", "Delivery", "Scheduling", "Metrics", "Cli"];
    private static readonly string[] Leaves = ["Configuration", "Text"];

    private static int Rank(Type type)
    {
        var ns = type.Namespace ?? "";
        if (!ns.StartsWith("Monitor.", StringComparison.Ordinal))
            return ns == "Monitor" ? int.MaxValue : -2;
        var folder = ns.Split('.')[1];
        return Leaves.Contains(folder) ? -1 : Array.IndexOf(Order, folder);
    }

    [Fact]
    public void No_folder_references_a_later_folder()
    {
        var assembly = typeof(Monitor.Feeds.FeedItem).Assembly;
        var violations = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Monitor.", StringComparison.Ordinal) == true))
        {
            var rank = Rank(type);
            foreach (var used in Referenced(type).Where(u => u.Assembly == assembly).Distinct())
            {
                var usedRank = Rank(used);
                if (usedRank == int.MaxValue || (rank >= 0 && usedRank > rank) || (rank == -1 && usedRank >= 0 && used.Namespace != type.Namespace))
                    violations.Add($"{type.FullName} -> {used.FullName}");
            }
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Every_folder_is_known()
    {
        var folders = typeof(Monitor.Feeds.FeedItem).Assembly.GetTypes()
            .Select(t => t.Namespace).Where(n => n?.StartsWith("Monitor.", StringComparison.Ordinal) == true)
            .Select(n => n!.Split('.')[1]).Distinct();

        Assert.All(folders, f => Assert.True(Order.Contains(f) || Leaves.Contains(f), $"folder {f} has no place in the flow"));
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type>();
        if (type.BaseType is not null)
            direct.Add(type.BaseType);
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(all).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
                direct.Add(info.ReturnType);
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            var body = method.GetMethodBody();
            if (body is not null)
                direct.AddRange(body.LocalVariables.Select(l => l.LocalType));
        }
        return direct.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
            return Unwrap(type.GetElementType()!);
        if (type.IsGenericType)
            return [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Unwrap)];
        return [type];
    }
}
