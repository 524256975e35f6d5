using System.Reflection;

namespace ChineseLlm.Client.Secrets;

/// <summary>Walks everything an object references (fields of every type, array elements) and reports the strings it holds.</summary>
public static class ObjectGraph
{
    private const int MaxObjects = 500_000;

    /// <summary>Returns every string reachable from <paramref name="root"/>, with the field path that reaches it.</summary>
    public static List<(string Path, string Value)> Strings(object root)
    {
        var found = new List<(string, string)>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, root.GetType().Name));
        while (pending.Count > 0 && visited.Count < MaxObjects)
        {
            var (value, path) = pending.Pop();
            if (!visited.Add(value))
            {
                continue;
            }

            switch (value)
            {
                case string s:
                    found.Add((path, s));
                    continue;
                case Type or MemberInfo or Assembly or Module or Delegate { Target: null }:
                    continue; // metadata, not state
                case Task or Timer or ITimer or CancellationTokenSource or System.Threading.ExecutionContext or SynchronizationContext:
                    continue; // the runtime's shared timer queue and continuations reach every other test's objects
                case var _ when value.GetType().Namespace is "System.Threading" or "System.Runtime.CompilerServices":
                    continue;
                case Array array when array.GetType().GetElementType() is { IsValueType: true } elementType && !IsStructWithReferences(elementType):
                    continue; // bytes, ints: no strings inside
                case Array array:
                    var i = 0;
                    foreach (var item in array)
                    {
                        if (item is not null)
                        {
                            pending.Push((item, $"{path}[{i}]"));
                        }

                        i++;
                    }

                    continue;
            }

            for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike || field.FieldType.IsPrimitive || field.FieldType.IsEnum)
                    {
                        continue;
                    }

                    object? child;
                    try
                    {
                        child = field.GetValue(value);
                    }
                    catch (Exception ex) when (ex is NotSupportedException or FieldAccessException or TargetInvocationException)
                    {
                        continue;
                    }

                    if (child is not null)
                    {
                        pending.Push((child, $"{path}.{field.Name}"));
                    }
                }
            }
        }

        return found;
    }

    private static bool IsStructWithReferences(Type type) => ContainsReferences(type);

    private static bool ContainsReferences(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Any(f => !f.FieldType.IsValueType || (!f.FieldType.IsPrimitive && !f.FieldType.IsEnum && f.FieldType != type && ContainsReferences(f.FieldType)));
}
