using System.Runtime.InteropServices;

namespace LossSearch.Learning.Runtime;

/// <summary>
/// Opens a shared library by path. .NET's <see cref="NativeLibrary.Load(string)"/> binds functions lazily, at
/// their first call, so a library whose imports the loaded ones lack still opens, and the process ends at the
/// first call to a missing one ("symbol lookup error"); binding now resolves every import at once and names the
/// first missing one instead.
/// </summary>
public static class DynamicLinker
{
    private const int BindNow = 2; // RTLD_NOW, <dlfcn.h>

    /// <summary>Opens <paramref name="path"/>; throws <see cref="DllNotFoundException"/> with the dynamic linker's reason.</summary>
    public static void Load(string path, bool bindNow)
    {
        if (!bindNow)
        {
            NativeLibrary.Load(path);
            return;
        }
        // dlerror's message is cleared by any dl call in between, such as the runtime looking up this class's
        // imports on their first call: both are bound (and a stale message cleared) before dlopen runs.
        LastError();
        if (Open(path) == IntPtr.Zero)
            throw new DllNotFoundException(Marshal.PtrToStringUTF8(LastError()) ?? $"dlopen('{path}') failed");
    }

    private static IntPtr Open(string path)
    {
        try
        {
            return LibcOpen(path, BindNow);
        }
        catch (EntryPointNotFoundException)
        {
            return LibdlOpen(path, BindNow); // glibc before 2.34 keeps dlopen in libdl
        }
    }

    private static IntPtr LastError()
    {
        try
        {
            return LibcError();
        }
        catch (EntryPointNotFoundException)
        {
            return LibdlError();
        }
    }

    [DllImport("libc.so.6", EntryPoint = "dlopen")]
    private static extern IntPtr LibcOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc.so.6", EntryPoint = "dlerror")]
    private static extern IntPtr LibcError();

    [DllImport("libdl.so.2", EntryPoint = "dlopen")]
    private static extern IntPtr LibdlOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libdl.so.2", EntryPoint = "dlerror")]
    private static extern IntPtr LibdlError();
}
