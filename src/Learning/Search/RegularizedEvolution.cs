using System.Diagnostics;
using System.Text.Json;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Reports;
using LossSearch.Learning.IO;

namespace LossSearch.Learning.Search;

/// <summary>
/// Regularized (aging) evolution of loss functions, resumable after every candidate.
/// <para>
/// Candidates are generated in order and their results applied in the same order, with up to
/// <see cref="SearchSettings.Parallel"/> in flight: candidate <c>i + N</c> is generated only after
/// candidate <c>i</c> is applied. A seeded run therefore produces the same candidates for a given
/// N whatever the timing, and a checkpoint after each applied candidate (population, pending
/// candidates, random state, history length) lets a killed search continue identically.
/// </para>
/// </summary>
public sealed class RegularizedEvolution
{
    public const string SettingsFile = "search.json";
    public const string HistoryFile = "history.jsonl";
    public const string SummaryFile = "summary.json";
    public const string PlotFile = "evolution.png";
    public const int TopCount = 10;

    private readonly SearchSettings _settings;
    private readonly IFitnessEvaluator _fitness;
    private readonly string _directory;
    private readonly GenomeShape _shape;
    private readonly SearchCheckpoint _checkpoint;
    private readonly EvaluatedLosses _cheap = new(), _full = new();
    private long _fitnessTicks;

    private SearchState _state = null!;
    private CheckpointableRandom _random = null!;
    private SearchHistory _history = null!;

    public RegularizedEvolution(SearchSettings settings, IFitnessEvaluator fitness, string directory)
    {
        settings.Validate();
        _settings = settings;
        _fitness = fitness;
        _directory = Path.GetFullPath(directory);
        _shape = GenomeShape.Published with { Hidden = settings.HiddenNodes };
        _checkpoint = new SearchCheckpoint(_directory);
    }

    public event Action<string>? Warning;

    private int PoolSize => _settings.InitialPool;
    private ProtocolSwitches Switches => _settings.Switches;
    private IntegrityVerdict Check(LossExpression expression) => IntegrityCheck.Check(expression, Switches.CurveRules);
    private bool HasCheapStep => _settings.CheapFitness is not null;
    private FitnessLevel PoolLevel => HasCheapStep ? FitnessLevel.Cheap : FitnessLevel.Full;

    /// <summary>Candidates whose results the whole search applies.</summary>
    public int TotalEvaluations => PoolSize + (HasCheapStep ? _settings.PopulationSize : 0) + _settings.Children;

    public async Task<SearchOutcome> RunAsync(IProgress<SearchProgress>? progress = null, CancellationToken cancellation = default)
    {
        var wall = Stopwatch.StartNew();
        Interlocked.Exchange(ref _fitnessTicks, 0);
        Directory.CreateDirectory(_directory);
        SearchSettingsFile.EnsureMatches(Path.Combine(_directory, SettingsFile), _settings);
        Restore();
        var clock = Stopwatch.StartNew();
        int appliedAtStart = Applied;
        await ScoreReferenceAsync(cancellation).ConfigureAwait(false);
        var running = new Dictionary<long, Task<FitnessOutcome>>();
        try
        {
            while (true)
            {
                FillWindow();
                if (_state.Pending.Count == 0) break;
                foreach (var pending in _state.Pending.Take(_settings.Parallel).Where(p => p.DuplicateOf is null && !p.Exhausted && !running.ContainsKey(p.Id)))
                    running[pending.Id] = Task.Run(() => Evaluate(pending, cancellation), cancellation);

                var head = _state.Pending[0];
                FitnessOutcome? outcome = null;
                if (running.Remove(head.Id, out var task)) outcome = await task.ConfigureAwait(false);
                Apply(head, outcome);
                _state.Pending.RemoveAt(0);
                _state.HistoryLength = _history.Length;
                _checkpoint.Save(_state);
                if (_state.SameExceptionCount >= _settings.SystematicErrorLimit)
                    throw new SystematicTrainingErrorException(_state.SameExceptionCount, _state.LastExceptionType!, outcome?.FailureReason);

                int done = Applied - appliedAtStart;
                var eta = done > 0 ? TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / done * (TotalEvaluations - Applied)) : (TimeSpan?)null;
                progress?.Report(new SearchProgress(head.Phase, Applied, TotalEvaluations, _state.Trainings,
                    double.IsFinite(_state.BestFitness) ? _state.BestFitness : null, head.Expression, _state.Rejections, eta));
            }
            return Finish() with { ReferenceFitness = _state.ReferenceFitness, TrainingSeconds = (double)Interlocked.Read(ref _fitnessTicks) / Stopwatch.Frequency, WallSeconds = wall.Elapsed.TotalSeconds };
        }
        finally
        {
            // Let in-flight trainings reach their own checkpoints before the caller returns.
            try { await Task.WhenAll(running.Values).ConfigureAwait(false); } catch { /* their outcome is recomputed on resume */ }
            _history.Dispose();
        }
    }

    /// <summary>Slots filled so far: pool entries, full re-scorings of the best of the pool, children.</summary>
    private int Applied => _state.Pool.Count + (HasCheapStep ? _state.Population.Count : 0) + _state.ChildrenDone;

    private void Restore()
    {
        var saved = _checkpoint.Load(out string? warning);
        if (warning is not null) Warning?.Invoke(warning);
        string historyPath = Path.Combine(_directory, HistoryFile);
        // Without a state, opening the history would cut it to nothing: refuse rather than silently start over.
        if (saved is null && new FileInfo(historyPath) is { Exists: true, Length: > 0 } orphan)
            throw new InvalidInputException(
                $"{historyPath}: holds {orphan.Length} bytes of search history, but {_checkpoint.LatestPath} and {_checkpoint.PreviousPath} are missing, " +
                "so where the search stood is unknown; restore a state file, or move the folder away to start a new search.");
        _state = saved ?? new SearchState { Random = new CheckpointableRandom((ulong)_settings.Seed).State };
        _random = new CheckpointableRandom(_state.Random);
        _history = SearchHistory.Open(Path.Combine(_directory, HistoryFile), _state.HistoryLength);
        foreach (var record in SearchHistory.Read(_history.Path))
        {
            if (record.Verdict is not (CandidateVerdict.Evaluated or CandidateVerdict.Failed)) continue;
            var verdict = Check(LossCatalog.Resolve(record.Expression));
            if (!verdict.Valid) continue;
            var cache = record.Phase == SearchPhase.InitialCheap ? _cheap : _full;
            cache.Add(record.Id, verdict.ToCandidate(), record.Verdict == CandidateVerdict.Evaluated ? record.Fitness : null);
        }
    }

    /// <summary>Generates candidates until the window is full or the current phase has nothing more to generate.</summary>
    private void FillWindow()
    {
        var draws = new CandidateDraws(_shape, _settings.MutationRetries, _random, Switches, RecordRejection);
        while (_state.Pending.Count < _settings.Parallel)
        {
            PendingCandidate? next;
            if (_state.PoolGenerated < PoolSize)
            {
                next = NewPoolCandidate(draws);
                if (next is null) continue;
                _state.PoolGenerated++;
            }
            else if (_state.Pool.Count < PoolSize)
                break; // the pool must be complete before the population can be formed
            else if (!_state.PopulationFormed)
            {
                if (!HasCheapStep) { FormPopulation(_state.Pool.Select(p => (p, p.Fitness ?? 0.0))); continue; }
                if (!_state.FullScoringQueued) { QueueFullScoring(); continue; }
                break;
            }
            else if (_state.ChildrenGenerated < _settings.Children)
            {
                next = NewChild(draws);
                _state.ChildrenGenerated++;
            }
            else break;
            _state.Pending.Add(next);
        }
        _state.Random = _random.State;
    }

    private PendingCandidate? NewPoolCandidate(CandidateDraws draws)
    {
        var drawn = draws.DrawRandom();
        if (drawn is not IntegrityVerdict verdict)
        {
            Count("retries-exhausted");
            return null;
        }
        var candidate = verdict.ToCandidate();
        long id = _state.NextCandidateId++;
        var cache = PoolLevel == FitnessLevel.Cheap ? _cheap : _full;
        if ((cache.Find(candidate)?.Id ?? PendingTwin(candidate, PoolLevel)) is long of)
        {
            AppendRejection(id, null, verdict.Expression, "duplicate", $"duplicate of candidate {of} in the initial pool", null);
            return null;
        }
        return Pending(id, null, HasCheapStep ? SearchPhase.InitialCheap : SearchPhase.InitialFull, PoolLevel, verdict, null, null);
    }

    private void QueueFullScoring()
    {
        var best = _state.Pool.OrderByDescending(p => p.Fitness ?? double.NegativeInfinity).ThenBy(p => p.Id).Take(_settings.PopulationSize);
        foreach (var entry in best)
        {
            var expression = GenomeCodec.Decode(entry.Genome);
            var verdict = Check(expression);
            _state.Pending.Add(new PendingCandidate
            {
                Id = entry.Id, Phase = SearchPhase.InitialFull, Level = FitnessLevel.Full, Genome = entry.Genome,
                Expression = entry.Expression, Latex = LossLatex.Render(expression), PhenotypeHash = verdict.Phenotype?.Hash,
            });
        }
        _state.FullScoringQueued = true;
    }

    private PendingCandidate NewChild(CandidateDraws draws)
    {
        long parentId;
        string parentGenome;
        int attempt = 1;
        if (_state.RetryParentId is long retryParent)
        {
            (parentId, parentGenome, attempt) = (retryParent, _state.RetryParentGenome!, _state.RetryTry);
            (_state.RetryParentId, _state.RetryParentGenome) = (null, null);
        }
        else
        {
            var population = new AgingPopulation(_state.Population.Select(m => new PopulationMember(m.Id, m.Expression, m.Fitness, m.Birth)));
            parentId = population.SelectParent(_random.Next, _settings.SampleSize).CandidateId;
            parentGenome = _state.Population.First(m => m.Id == parentId).Genome;
        }
        var living = Switches.RetryDuplicatesOfLiving ? LivingCandidates() : null;
        var mutated = draws.Mutate(GenomeCodec.Decode(parentGenome), parentId, living is null ? null : c => DuplicateOfLiving(c, living));
        long id = _state.NextCandidateId++;
        if (mutated is not var (verdict, mutation))
        {
            var parentExpression = GenomeCodec.Decode(parentGenome);
            return new PendingCandidate
            {
                Id = id, ParentId = parentId, Phase = SearchPhase.Child, Level = FitnessLevel.Full, Genome = parentGenome,
                Expression = parentExpression.ToString(), Try = attempt, Exhausted = true,
                Mutation = $"no valid mutation in {_settings.MutationRetries} retries",
            };
        }
        var candidate = verdict.ToCandidate();
        long? duplicateOf = Switches.RetryDuplicatesOfLiving ? null : _full.Find(candidate)?.Id ?? PendingTwin(candidate, FitnessLevel.Full);
        return Pending(id, parentId, SearchPhase.Child, FitnessLevel.Full, verdict, $"{mutation.Kind}: {mutation.Description}", duplicateOf) with { Try = attempt };
    }

    /// <summary>The living population as duplicate detection sees it (published: only these count as duplicates).</summary>
    private List<(long Id, LossCandidate Candidate)> LivingCandidates() =>
        _state.Population.Select(m => (m.Id, Check(GenomeCodec.Decode(m.Genome)).ToCandidate())).ToList();

    private static string? DuplicateOfLiving(LossCandidate candidate, List<(long Id, LossCandidate Candidate)> living)
    {
        var match = DuplicateCheck.Find(candidate, living.Select(l => l.Candidate).ToList());
        return match is null ? null
            : $"duplicate of living member {living[match.Index].Id} ({(match.Kind == DuplicateKind.SameText ? "same text" : $"phenotype distance {match.Distance:G3}")}); mutation retried";
    }

    /// <summary>A pending candidate (not itself a duplicate) at the same level that is the same loss.</summary>
    private long? PendingTwin(LossCandidate candidate, FitnessLevel level)
    {
        foreach (var pending in _state.Pending.Where(p => p.Level == level && p.DuplicateOf is null))
        {
            if (pending.Expression == candidate.Canonical) return pending.Id;
            var phenotype = Check(GenomeCodec.Decode(pending.Genome)).Phenotype;
            if (phenotype is not null && phenotype.DistanceTo(candidate.Phenotype) <= Phenotype.DuplicateDistance) return pending.Id;
        }
        return null;
    }

    private static PendingCandidate Pending(long id, long? parent, SearchPhase phase, FitnessLevel level, IntegrityVerdict verdict, string? mutation, long? duplicateOf) =>
        new()
        {
            Id = id, ParentId = parent, Phase = phase, Level = level,
            Genome = GenomeCodec.Encode(verdict.Expression), Expression = verdict.Expression.ToString(),
            Latex = LossLatex.Render(verdict.Expression), PhenotypeHash = verdict.Phenotype!.Hash, Flipped = verdict.Flipped,
            Mutation = mutation, DuplicateOf = duplicateOf,
        };

    private async Task<FitnessOutcome> Evaluate(PendingCandidate pending, CancellationToken cancellation)
    {
        string work = CandidateDirectory(pending.Id, pending.Level);
        Directory.CreateDirectory(work);
        long start = Stopwatch.GetTimestamp();
        FitnessOutcome outcome;
        try
        {
            outcome = await _fitness.EvaluateAsync(GenomeCodec.Decode(pending.Genome), pending.Level, pending.Id, work, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = new FitnessOutcome(null, null, $"training threw {e.GetType().Name}: {e.Message}", "unknown") { ExceptionType = e.GetType().FullName };
        }
        finally
        {
            Interlocked.Add(ref _fitnessTicks, Stopwatch.GetTimestamp() - start);
        }
        return outcome with { Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds };
    }

    private string CandidateDirectory(long id, FitnessLevel level) =>
        Path.Combine(_directory, "candidates", $"{id}-{level.ToString().ToLowerInvariant()}");

    private void Apply(PendingCandidate pending, FitnessOutcome? outcome)
    {
        double? fitness;
        CandidateVerdict verdict;
        string? reason = null;
        if (pending.Exhausted)
        {
            Count("retries-exhausted");
            _history.Append(new CandidateRecord
            {
                Id = pending.Id, ParentId = pending.ParentId, Phase = pending.Phase, Mutation = pending.Mutation,
                Expression = pending.Expression, Verdict = CandidateVerdict.Rejected, Reason = pending.Mutation,
            });
            DiscardChildSlot();
            return;
        }
        if (pending.DuplicateOf is long original)
        {
            fitness = FindResult(original, pending.Level);
            verdict = fitness is null ? CandidateVerdict.Failed : CandidateVerdict.Duplicate;
            reason = fitness is null ? $"duplicate of candidate {original}, whose training failed" : $"re-uses the fitness of candidate {original}";
        }
        else
        {
            _state.Trainings++;
            NoteException(outcome!.ExceptionType);
            fitness = outcome.Fitness;
            verdict = outcome.Succeeded ? CandidateVerdict.Evaluated : CandidateVerdict.Failed;
            reason = outcome.FailureReason;
            var cache = pending.Level == FitnessLevel.Cheap ? _cheap : _full;
            var check = Check(GenomeCodec.Decode(pending.Genome));
            cache.Add(pending.Id, check.ToCandidate(), fitness);
            TryDelete(CandidateDirectory(pending.Id, pending.Level));
        }
        if (verdict == CandidateVerdict.Failed) Count(FailureKind(reason));

        _history.Append(new CandidateRecord
        {
            Id = pending.Id, ParentId = pending.ParentId, Phase = pending.Phase, Mutation = pending.Mutation,
            Expression = pending.Expression, Latex = pending.Latex, PhenotypeHash = pending.PhenotypeHash, Flipped = pending.Flipped,
            Verdict = verdict, Reason = reason, Fitness = fitness, DuplicateOf = pending.DuplicateOf,
            Metrics = outcome?.Metrics, WallSeconds = outcome?.Seconds ?? 0, Device = outcome?.Device,
        });

        switch (pending.Phase)
        {
            case SearchPhase.InitialCheap:
                _state.Pool.Add(new PoolEntry(pending.Id, pending.Genome, pending.Expression, fitness));
                break;
            case SearchPhase.InitialFull when !HasCheapStep:
                _state.Pool.Add(new PoolEntry(pending.Id, pending.Genome, pending.Expression, fitness));
                NoteBest(fitness);
                break;
            case SearchPhase.InitialFull:
                _state.Population.Add(new MemberState(pending.Id, pending.Genome, pending.Expression, fitness ?? 0, 0));
                NoteBest(fitness);
                if (_state.Population.Count == _settings.PopulationSize) MarkFormed();
                break;
            case SearchPhase.Child:
                ApplyChild(pending, fitness);
                break;
        }
    }

    private void ApplyChild(PendingCandidate pending, double? fitness)
    {
        if (Switches.RetryFailedFromSameParent && fitness is null)
        {
            if (pending.Try < _settings.TrainingRedraws)
            {
                // Published: the same parent is mutated again for this slot.
                (_state.RetryParentId, _state.RetryParentGenome, _state.RetryTry) = (pending.ParentId, ParentGenome(pending), pending.Try + 1);
                _state.ChildrenGenerated--;
                return;
            }
            DiscardChildSlot();
            return;
        }
        if (fitness is null && _state.ConsecutiveFailures < _settings.TrainingRedraws)
        {
            // A failed child is re-drawn: the slot stays open for a new child.
            _state.ConsecutiveFailures++;
            _state.ChildrenGenerated--;
            return;
        }
        _state.ConsecutiveFailures = 0;
        var population = new AgingPopulation(_state.Population.Select(m => new PopulationMember(m.Id, m.Expression, m.Fitness, m.Birth)));
        _state.ChildrenDone++;
        var removed = population.Replace(new PopulationMember(pending.Id, pending.Expression, fitness ?? 0, _state.ChildrenDone));
        _state.Population.RemoveAll(m => m.Id == removed.CandidateId);
        _state.Population.Add(new MemberState(pending.Id, pending.Genome, pending.Expression, fitness ?? 0, _state.ChildrenDone));
        NoteBest(fitness);
        AddCurvePoint(population);
    }

    /// <summary>The parent's genome: a living member's, or (when it died meanwhile) the one the retry carried.</summary>
    private string ParentGenome(PendingCandidate child) =>
        _state.Population.FirstOrDefault(m => m.Id == child.ParentId)?.Genome ?? _state.RetryParentGenome
        ?? throw new InvalidOperationException($"the parent {child.ParentId} of candidate {child.Id} is neither living nor remembered");

    /// <summary>The child slot passes without a new member (published: a child that failed every try; any protocol: no valid mutation).</summary>
    private void DiscardChildSlot()
    {
        _state.ChildrenDone++;
        AddCurvePoint(new AgingPopulation(_state.Population.Select(m => new PopulationMember(m.Id, m.Expression, m.Fitness, m.Birth))));
    }

    private void NoteException(string? type)
    {
        if (type is null) { (_state.LastExceptionType, _state.SameExceptionCount) = (null, 0); return; }
        _state.SameExceptionCount = type == _state.LastExceptionType ? _state.SameExceptionCount + 1 : 1;
        _state.LastExceptionType = type;
    }

    /// <summary>Cross-entropy scored once with the full fitness, the recipe, seeds and data of the search, as its reference line.</summary>
    private async Task ScoreReferenceAsync(CancellationToken cancellation)
    {
        if (!_settings.ScoreReference || _state.ReferenceScored) return;
        var crossEntropy = Check(LossCatalog.Resolve("cross-entropy"));
        var reference = new PendingCandidate
        {
            Id = 0, Phase = SearchPhase.InitialFull, Level = FitnessLevel.Full, Genome = GenomeCodec.Encode(crossEntropy.Expression),
            Expression = crossEntropy.Expression.ToString(),
        };
        var outcome = await Evaluate(reference, cancellation).ConfigureAwait(false);
        (_state.ReferenceScored, _state.ReferenceFitness) = (true, outcome.Fitness);
        if (outcome.Fitness is null) Warning?.Invoke($"cross-entropy's reference fitness failed: {outcome.FailureReason}");
        TryDelete(CandidateDirectory(0, FitnessLevel.Full));
        _checkpoint.Save(_state);
    }

    private void FormPopulation(IEnumerable<(PoolEntry Entry, double Fitness)> scored)
    {
        foreach (var (entry, fitness) in scored.OrderByDescending(s => s.Fitness).ThenBy(s => s.Entry.Id).Take(_settings.PopulationSize))
            _state.Population.Add(new MemberState(entry.Id, entry.Genome, entry.Expression, fitness, 0));
        MarkFormed();
    }

    private void MarkFormed()
    {
        _state.PopulationFormed = true;
        AddCurvePoint(new AgingPopulation(_state.Population.Select(m => new PopulationMember(m.Id, m.Expression, m.Fitness, m.Birth))));
    }

    private void AddCurvePoint(AgingPopulation population) =>
        _state.Curve.Add(new EvolutionPoint(_state.Trainings, _state.BestFitness, population.MedianFitness()));

    private void NoteBest(double? fitness)
    {
        if (fitness is double f && f > _state.BestFitness) _state.BestFitness = f;
    }

    /// <summary>The original was applied before its duplicate (it was evaluated earlier, or pending ahead of it).</summary>
    private double? FindResult(long id, FitnessLevel level) =>
        ((level == FitnessLevel.Cheap ? _cheap : _full).ResultOf(id)
         ?? throw new InvalidOperationException($"candidate {id} has no result at the {level} level yet")).Fitness;

    private void RecordRejection(LossExpression expression, IntegrityVerdict verdict, long? parent, string? mutation)
    {
        long id = _state.NextCandidateId++;
        AppendRejection(id, parent, expression, verdict.Rule == IntegrityRule.None ? "duplicate" : verdict.Rule.ToString(), verdict.Reason, mutation);
    }

    private void AppendRejection(long id, long? parent, LossExpression expression, string rule, string reason, string? mutation)
    {
        Count(rule);
        _history.Append(new CandidateRecord
        {
            Id = id, ParentId = parent, Phase = !_state.PopulationFormed ? (HasCheapStep ? SearchPhase.InitialCheap : SearchPhase.InitialFull) : SearchPhase.Child,
            Mutation = mutation, Expression = expression.ToString(), Verdict = CandidateVerdict.Rejected, Reason = reason,
        });
    }

    private void Count(string reason) => _state.Rejections[reason] = _state.Rejections.GetValueOrDefault(reason) + 1;

    private static string FailureKind(string? reason) =>
        reason is null ? "failed" : reason.StartsWith("gated", StringComparison.OrdinalIgnoreCase) ? "gated-out"
            : reason.StartsWith("diverged", StringComparison.OrdinalIgnoreCase) ? "diverged" : "failed";

    private SearchOutcome Finish()
    {
        string historyPath = _history.Path;
        var records = SearchHistory.Read(historyPath).ToList();
        var top = records
            .Where(r => r.Verdict == CandidateVerdict.Evaluated && r.Phase != SearchPhase.InitialCheap && r.Fitness is not null)
            .GroupBy(r => r.Expression)
            .Select(g => g.OrderByDescending(r => r.Fitness).First())
            .OrderByDescending(r => r.Fitness).ThenBy(r => r.Id)
            .Take(TopCount)
            .Select(r => new RankedLoss(r.Expression, r.Fitness!.Value, r.Id, r.Latex))
            .ToList();
        string summaryPath = Path.Combine(_directory, SummaryFile);
        var summary = new { settings = _settings, referenceFitness = _state.ReferenceFitness, top, trainings = _state.Trainings, rejected = _state.Rejections, curve = _state.Curve, population = _state.Population };
        AtomicFile.Write(summaryPath, s => JsonSerializer.Serialize(s, summary, SearchHistory.JsonOptions));
        string plotPath = Path.Combine(_directory, PlotFile);
        ReportPlots.EvolutionCurve(_state.Curve, $"{_settings.Augmentation}: regularized evolution (seed {_settings.Seed}, {_settings.Protocol.ToString().ToLowerInvariant()})", plotPath, _state.ReferenceFitness);
        return new SearchOutcome(top, _state.Trainings, _state.Rejections, historyPath, summaryPath, plotPath, _state.Population);
    }

    private static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* a leftover candidate folder costs disk, not correctness */ }
    }
}
