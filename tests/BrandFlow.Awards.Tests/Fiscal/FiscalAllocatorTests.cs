using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Tests.Fiscal;

public class FiscalAllocatorTests
{
    private static AllocationCandidate C(string id, decimal requested, long priority = 0, string treasury = "city") =>
        new(id, treasury, requested, priority);

    private static Dictionary<string, decimal> Budget(decimal city) => new() { ["city"] = city };

    [Theory]
    [InlineData(AllocationRuleKind.ProRata)]
    [InlineData(AllocationRuleKind.Priority)]
    public void Allocate_WithinBudget_EveryoneGetsRequested(AllocationRuleKind rule)
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(1000m), [C("a", 300m), C("b", 200m)], rule);

        Assert.All(result.Allocations, a => Assert.Equal(a.Requested, a.Granted));
        Assert.All(result.Allocations, a => Assert.False(a.Waitlisted));
        TreasuryAllocation line = Assert.Single(result.Treasuries);
        Assert.Equal(new TreasuryAllocation("city", 1000m, 500m, 500m, 500m, false, null), line);
        Assert.Equal(rule, result.Rule);
        Assert.False(result.AnyOversubscribed);
    }

    [Theory]
    [InlineData(AllocationRuleKind.ProRata)]
    [InlineData(AllocationRuleKind.Priority)]
    public void Allocate_ExactFit_NotOversubscribedAndNothingLeft(AllocationRuleKind rule)
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(500m), [C("a", 300m), C("b", 200m)], rule);

        TreasuryAllocation line = Assert.Single(result.Treasuries);
        Assert.False(line.Oversubscribed);
        Assert.Equal(0m, line.Left);
        Assert.Equal(500m, line.Granted);
        Assert.Null(line.ProRataFactor);
    }

    [Fact]
    public void Allocate_ProRataOverBudget_SameFactorForAll()
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(600m), [C("a", 600m), C("b", 300m), C("c", 300m)], AllocationRuleKind.ProRata);

        Assert.Equal(300m, result.For("a")!.Granted);
        Assert.Equal(150m, result.For("b")!.Granted);
        Assert.Equal(150m, result.For("c")!.Granted);
        TreasuryAllocation line = Assert.Single(result.Treasuries);
        Assert.True(line.Oversubscribed);
        Assert.Equal(0.5m, line.ProRataFactor);
        Assert.Equal(1200m, line.Demand);
        Assert.Equal(600m, line.Granted);
        Assert.Equal(0m, line.Left);
    }

    [Fact]
    public void Allocate_ProRataThirds_FloorsToFenAndNeverExceedsBudget()
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(100m), [C("a", 100m), C("b", 100m), C("c", 100m)], AllocationRuleKind.ProRata);

        Assert.All(result.Allocations, a => Assert.Equal(33.33m, a.Granted));
        TreasuryAllocation line = Assert.Single(result.Treasuries);
        Assert.Equal(99.99m, line.Granted);
        Assert.Equal(0.01m, line.Left);
        Assert.Equal(100m / 300m, line.ProRataFactor);
    }

    [Fact]
    public void Allocate_ProRataExactQuotient_NotLostToFactorRounding()
    {
        // 150 × 100 / 300 is exactly 50.00; multiplying by a rounded factor 0.333… first would floor to 49.99.
        AllocationResult result = FiscalAllocator.Allocate(Budget(100m), [C("a", 150m), C("b", 150m)], AllocationRuleKind.ProRata);

        Assert.All(result.Allocations, a => Assert.Equal(50m, a.Granted));
        Assert.Equal(0m, result.Treasuries[0].Left);
    }

    [Fact]
    public void Allocate_ProRataManyOddAmounts_SumNeverExceedsBudgetAndEachWithinAFen()
    {
        var random = new Random(20260301);
        for (int round = 0; round < 200; round++)
        {
            var candidates = Enumerable.Range(0, random.Next(1, 40))
                .Select(i => C($"a{i}", random.Next(1, 5_000_000) / 100m))
                .ToList();
            decimal demand = candidates.Sum(c => c.Requested);
            decimal budget = Math.Round(demand * (decimal)random.NextDouble(), 2);

            AllocationResult result = FiscalAllocator.Allocate(Budget(budget), candidates, AllocationRuleKind.ProRata);

            decimal granted = result.Allocations.Sum(a => a.Granted);
            Assert.True(granted <= budget, $"round {round}: granted {granted} > budget {budget}");
            Assert.Equal(granted, result.Treasuries[0].Granted);
            Assert.Equal(budget - granted, result.Treasuries[0].Left);
            foreach (Allocation a in result.Allocations)
            {
                decimal exact = a.Requested * budget / demand;
                Assert.True(a.Granted <= exact && exact - a.Granted < 0.01m, $"round {round}: {a.Granted} vs exact {exact}");
                Assert.Equal(a.Granted, decimal.Round(a.Granted, 2));
            }
        }
    }

    [Fact]
    public void Allocate_ProRataZeroBudget_EveryoneGetsZeroNotWaitlisted()
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(0m), [C("a", 100m)], AllocationRuleKind.ProRata);

        Allocation a = Assert.Single(result.Allocations);
        Assert.Equal(0m, a.Granted);
        Assert.False(a.Waitlisted);
        Assert.Equal(0m, result.Treasuries[0].ProRataFactor);
        Assert.True(result.Treasuries[0].Oversubscribed);
    }

    [Fact]
    public void Allocate_PriorityOverBudget_GrantsInOrderAndWaitlistsRest()
    {
        AllocationResult result = FiscalAllocator.Allocate(
            Budget(500m),
            [C("late", 100m, priority: 3), C("first", 300m, priority: 1), C("second", 200m, priority: 2), C("fourth", 50m, priority: 4)],
            AllocationRuleKind.Priority);

        Assert.Equal(["first", "second", "late", "fourth"], result.Allocations.Select(a => a.AwardId));
        Assert.Equal(300m, result.For("first")!.Granted);
        Assert.Equal(200m, result.For("second")!.Granted);
        Assert.Equal(new Allocation("late", "city", 100m, 0m, true, 1), result.For("late"));
        Assert.Equal(new Allocation("fourth", "city", 50m, 0m, true, 2), result.For("fourth"));
        Assert.Equal(new TreasuryAllocation("city", 500m, 650m, 500m, 0m, true, null), result.Treasuries[0]);
    }

    [Fact]
    public void Allocate_PriorityStrictOrder_SmallerLaterAwardWaitsBehindOneThatDoesNotFit()
    {
        AllocationResult result = FiscalAllocator.Allocate(
            Budget(500m),
            [C("a", 400m, 1), C("b", 200m, 2), C("c", 50m, 3)],
            AllocationRuleKind.Priority);

        Assert.Equal(400m, result.For("a")!.Granted);
        Assert.Equal(1, result.For("b")!.WaitlistPosition);
        Assert.True(result.For("c")!.Waitlisted);
        Assert.Equal(2, result.For("c")!.WaitlistPosition);
        Assert.Equal(100m, result.Treasuries[0].Left);
    }

    [Fact]
    public void Allocate_PriorityTie_BrokenByAwardIdOrdinal()
    {
        AllocationResult result = FiscalAllocator.Allocate(
            Budget(100m),
            [C("b", 100m, 1), C("B", 100m, 1), C("a", 100m, 1)],
            AllocationRuleKind.Priority);

        Assert.Equal(["B", "a", "b"], result.Allocations.Select(a => a.AwardId));
        Assert.Equal(100m, result.For("B")!.Granted);
        Assert.Equal(1, result.For("a")!.WaitlistPosition);
        Assert.Equal(2, result.For("b")!.WaitlistPosition);
    }

    [Fact]
    public void Allocate_PriorityFirstDoesNotFit_AllWaitlisted()
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(99.99m), [C("a", 100m, 1), C("b", 1m, 2)], AllocationRuleKind.Priority);

        Assert.All(result.Allocations, a => Assert.Equal(0m, a.Granted));
        Assert.Equal([1, 2], result.Allocations.Select(a => a.WaitlistPosition!.Value));
        Assert.Equal(99.99m, result.Treasuries[0].Left);
    }

    [Fact]
    public void Allocate_PriorityZeroBudget_AllWaitlisted()
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(0m), [C("a", 10m)], AllocationRuleKind.Priority);

        Assert.True(Assert.Single(result.Allocations).Waitlisted);
    }

    [Fact]
    public void Allocate_TreasuriesJudgedSeparately()
    {
        var budgets = new Dictionary<string, decimal> { ["city"] = 100m, ["province"] = 1000m };

        AllocationResult result = FiscalAllocator.Allocate(
            budgets,
            [C("a", 200m, treasury: "city"), C("b", 500m, treasury: "province")],
            AllocationRuleKind.ProRata);

        Assert.Equal(100m, result.For("a")!.Granted);
        Assert.Equal(500m, result.For("b")!.Granted);
        Assert.Equal(["city", "province"], result.Treasuries.Select(t => t.TreasuryId));
        Assert.True(result.Treasuries[0].Oversubscribed);
        Assert.False(result.Treasuries[1].Oversubscribed);
        Assert.Equal(500m, result.Treasuries[1].Left);
    }

    [Fact]
    public void Allocate_TreasuryWithoutBudgetEntry_HasBudgetZero()
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(100m), [C("a", 10m, treasury: "county")], AllocationRuleKind.Priority);

        TreasuryAllocation county = result.Treasuries.Single(t => t.TreasuryId == "county");
        Assert.Equal(0m, county.Budget);
        Assert.True(county.Oversubscribed);
        Assert.True(result.For("a")!.Waitlisted);
    }

    [Fact]
    public void Allocate_BudgetWithoutCandidates_ReportedUntouched()
    {
        AllocationResult result = FiscalAllocator.Allocate(Budget(100m), [], AllocationRuleKind.ProRata);

        Assert.Empty(result.Allocations);
        Assert.Equal(new TreasuryAllocation("city", 100m, 0m, 0m, 100m, false, null), Assert.Single(result.Treasuries));
    }

    [Fact]
    public void Allocate_InputOrder_DoesNotChangeResult()
    {
        var candidates = new List<AllocationCandidate> { C("x", 70m, 2), C("y", 70m, 1), C("z", 33.33m, 2), C("w", 12.5m, 9) };
        var reversed = Enumerable.Reverse(candidates).ToList();

        foreach (AllocationRuleKind rule in Enum.GetValues<AllocationRuleKind>())
        {
            AllocationResult one = FiscalAllocator.Allocate(Budget(100m), candidates, rule);
            AllocationResult two = FiscalAllocator.Allocate(Budget(100m), reversed, rule);

            Assert.Equal(one.Allocations, two.Allocations);
            Assert.Equal(one.Treasuries, two.Treasuries);
        }
    }

    [Fact]
    public void Allocate_DuplicateAwardId_ThrowsBilingual()
    {
        var ex = Assert.Throws<ArgumentException>(() => FiscalAllocator.Allocate(Budget(100m), [C("a", 1m), C("a", 2m)], AllocationRuleKind.ProRata));

        Assert.Contains("出现了两次", ex.Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_NegativeRequest_Throws()
    {
        Assert.Throws<ArgumentException>(() => FiscalAllocator.Allocate(Budget(100m), [C("a", -1m)], AllocationRuleKind.ProRata));
    }

    [Fact]
    public void Allocate_NegativeBudget_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => FiscalAllocator.Allocate(Budget(-1m), [], AllocationRuleKind.ProRata));

        Assert.Contains("city", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_AmountAboveMaximum_Throws()
    {
        Assert.Throws<ArgumentException>(() => FiscalAllocator.Allocate(Budget(100m), [C("a", FiscalAllocator.MaxAmount + 1)], AllocationRuleKind.ProRata));
    }

    [Fact]
    public void Allocate_UnknownRule_Throws()
    {
        Assert.Throws<ArgumentException>(() => FiscalAllocator.Allocate(Budget(100m), [], (AllocationRuleKind)42));
    }

    [Fact]
    public void Allocate_LargestAmounts_NoOverflow()
    {
        decimal max = FiscalAllocator.MaxAmount;

        AllocationResult result = FiscalAllocator.Allocate(Budget(max - 0.01m), [C("a", max), C("b", 0.01m)], AllocationRuleKind.ProRata);

        Assert.True(result.Treasuries[0].Granted <= max - 0.01m);
    }

    [Theory]
    [InlineData("12.349", "12.34")]
    [InlineData("12.341", "12.34")]
    [InlineData("0.009", "0.00")]
    [InlineData("5", "5")]
    public void FloorToFen_RoundsDown(string amount, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FiscalAllocator.FloorToFen(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
