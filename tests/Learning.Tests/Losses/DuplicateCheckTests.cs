using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

public class DuplicateCheckTests
{
    private static LossCandidate Candidate(string text) => IntegrityCheck.Check(LossCatalog.Resolve(text)).ToCandidate();

    [Fact]
    public void ScaledLossHasTheSamePhenotypeAndHash()
    {
        var ce = Candidate("-(y * log(yhat))");
        var doubled = Candidate("-(y * log(yhat)) * 2");
        Assert.True(ce.Phenotype.DistanceTo(doubled.Phenotype) < 1e-9);
        Assert.Equal(ce.Phenotype.Hash, doubled.Phenotype.Hash);
        var match = DuplicateCheck.Find(doubled, [Candidate("square(y - yhat)"), ce]);
        Assert.Equal(new DuplicateMatch(1, DuplicateKind.SamePhenotype, match!.Distance), match);
    }

    [Fact]
    public void SameCanonicalTextIsADuplicate()
    {
        var population = new[] { Candidate("square(y - yhat)"), Candidate("-(y * log(yhat))") };
        var match = DuplicateCheck.Find(Candidate("-(y*log( yhat ))"), population);
        Assert.Equal(DuplicateKind.SameText, match!.Kind);
        Assert.Equal(1, match.Index);
    }

    [Fact]
    public void DifferentLossesAreNotDuplicates()
    {
        var ce = Candidate("-(y * log(yhat))");
        var mse = Candidate("square(y - yhat)");
        Assert.True(ce.Phenotype.DistanceTo(mse.Phenotype) > Phenotype.DuplicateDistance);
        Assert.NotEqual(ce.Phenotype.Hash, mse.Phenotype.Hash);
        Assert.Null(DuplicateCheck.Find(mse, [ce, Candidate("focal")]));
    }

    [Fact]
    public void PhenotypeIsMinMaxNormalised()
    {
        var phenotype = Phenotype.FromCurve([2.0, 4.0, 3.0, 6.0]);
        Assert.Equal([0.0, 0.5, 0.25, 1.0], phenotype.Values);
        // Distance threshold: within 0.01 is a duplicate, beyond is not.
        var near = Phenotype.FromCurve([0.0, 0.5 + 0.009, 0.25, 1.0]);
        var far = Phenotype.FromCurve([0.0, 0.5 + 0.02, 0.25, 1.0]);
        var population = new[] { new LossCandidate("a", phenotype) };
        Assert.NotNull(DuplicateCheck.Find(new LossCandidate("b", near), population));
        Assert.Null(DuplicateCheck.Find(new LossCandidate("c", far), population));
    }
}
