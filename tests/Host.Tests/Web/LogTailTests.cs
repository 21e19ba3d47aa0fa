using LossSearch.Host.Logging;
using LossSearch.Host.Tests.Workflows;

namespace LossSearch.Host.Tests.Web;

public class LogTailTests
{
    [Fact]
    public void ReadsTheLastEventsOfOneInstanceAndActivityAcrossDailyFiles()
    {
        using var workspace = new TempWorkspace();
        string logs = Path.Combine(workspace.Root, "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllLines(Path.Combine(logs, "losssearch-20260101.clef"), [
            """{"@t":"2026-01-01T10:00:00Z","@mt":"Epoch {Epoch} of {Total}","Epoch":1,"Total":3,"InstanceId":"i1","ActivityId":"train"}""",
            """{"@t":"2026-01-01T10:01:00Z","@mt":"other instance","InstanceId":"i2","ActivityId":"train"}""",
        ]);
        File.WriteAllLines(Path.Combine(logs, "losssearch-20260102.clef"), [
            """{"@t":"2026-01-02T10:00:00Z","@mt":"Epoch {Epoch} of {Total}","@l":"Warning","Epoch":2,"Total":3,"InstanceId":"i1","ActivityId":"train"}""",
            """{"@t":"2026-01-02T10:00:01Z","@mt":"Report {Name}","Name":"x","InstanceId":"i1","ActivityId":"report"}""",
            "not json i1",
            """{"@t":"2026-01-02T10:00:02Z","@mt":"Failed","@x":"System.Exception: boom\n   at X","InstanceId":"i1","ActivityId":"train"}""",
        ]);

        var train = LogTail.Read(logs, "i1", "train", 10);
        Assert.Equal(["Epoch 1 of 3", "Epoch 2 of 3", "Failed"], train.Select(l => l.Message));
        Assert.Equal("Warning", train[1].Level);
        Assert.Equal("Information", train[0].Level);
        Assert.StartsWith("System.Exception: boom", train[2].Exception);

        Assert.Equal(["Epoch 2 of 3", "Failed"], LogTail.Read(logs, "i1", "train", 2).Select(l => l.Message));
        Assert.Equal(4, LogTail.Read(logs, "i1", null, 10).Count);
        Assert.Empty(LogTail.Read(Path.Combine(logs, "none"), "i1", null, 10));
    }
}
