using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>Sets VER_FLG_WEAK on one named entry of an ELF64 file's .gnu.version_r table.</summary>
public sealed class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var outcome = Weaken(path, VersionName);
                Log.LogMessage(MessageImportance.Normal, "{0}: {1} {2}", path, VersionName, outcome);
            }
            catch (InvalidDataException e)
            {
                Log.LogWarning("{0}: left untouched, {1}", path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private static string Weaken(string path, string versionName)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");

        ulong shoff = BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        if (shoff == 0 || shentsize < 64 || (long)shoff + (long)shentsize * shnum > elf.Length)
            throw new InvalidDataException("section header table out of range");

        for (int s = 0; s < shnum; s++)
        {
            int sh = checked((int)shoff + s * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            int offset = checked((int)BitConverter.ToUInt64(elf, sh + 0x18));
            int link = (int)BitConverter.ToUInt32(elf, sh + 0x28);
            int strtab = checked((int)BitConverter.ToUInt64(elf, (int)shoff + link * shentsize + 0x18));
            return FlipFlag(elf, path, offset, strtab, versionName);
        }
        throw new InvalidDataException("no .gnu.version_r section");
    }

    private static string FlipFlag(byte[] elf, string path, int verneed, int strtab, string versionName)
    {
        for (int need = verneed; ; )
        {
            int count = BitConverter.ToUInt16(elf, need + 2);
            int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
            for (int a = 0; a < count; a++)
            {
                string name = ReadString(elf, strtab + (int)BitConverter.ToUInt32(elf, aux + 8));
                if (name == versionName)
                {
                    ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                    if ((flags & VerFlgWeak) != 0) return "already weak";
                    flags |= VerFlgWeak;
                    BitConverter.GetBytes(flags).CopyTo(elf, aux + 4);
                    // A fresh file (temp + rename) so that a hard link into the package cache is never edited.
                    string temp = path + ".weakening";
                    File.WriteAllBytes(temp, elf);
                    File.Replace(temp, path, null);
                    return "marked weak";
                }
                uint nextAux = BitConverter.ToUInt32(elf, aux + 12);
                if (nextAux == 0) break;
                aux += (int)nextAux;
            }
            uint next = BitConverter.ToUInt32(elf, need + 12);
            if (next == 0) return "not required (nothing to do)";
            need += (int)next;
        }
    }

    private static string ReadString(byte[] data, int start)
    {
        int end = start;
        while (end < data.Length && data[end] != 0) end++;
        return Encoding.ASCII.GetString(data, start, end - start);
    }
}
