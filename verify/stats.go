package verify

import (
	"fmt"
	"os"
	"slices"
	"strings"

	pprof "github.com/google/pprof/profile"
	"golang.org/x/perf/benchmath"
)

// Alpha is the significance level of every comparison, and Confidence
// the level of every interval: those benchstat uses by default.
const (
	Alpha      = 0.05
	Confidence = 0.95
)

// An Interval is a median with its confidence interval.
type Interval struct {
	Center float64 `json:"center"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
}

// A Comparison compares one build with another on one unit.
type Comparison struct {
	New       string    `json:"new"` // a build
	Old       string    `json:"old"`
	Unit      string    `json:"unit"` // "sec/op", "B/op" or "allocs/op"
	OldMedian float64   `json:"old_median"`
	NewMedian float64   `json:"new_median"`
	Ratio     *Interval `json:"ratio,omitempty"` // new/old per round; omitted when old is 0 and new is not
	P         float64   `json:"p"`               // Mann-Whitney U test of the two samples
	Delta     string    `json:"delta"`           // "faster"/"less", "slower"/"more", or "~" (not significant)
	Warnings  []string  `json:"warnings,omitempty"`
}

// summarize returns the median of values with its interval.
func summarize(values []float64) Interval {
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(slices.Clone(values), &benchmath.DefaultThresholds), Confidence)
	return Interval{Center: s.Center, Lo: s.Lo, Hi: s.Hi}
}

// compare compares the per-round values of two builds on a unit. Rounds
// are interleaved, so round i of each build ran side by side: the ratio
// is summarised from the per-round ratios (paired), the p-value from the
// two samples (as benchstat computes it).
func compare(newB, oldB, unit string, newV, oldV []float64) Comparison {
	c := Comparison{New: newB, Old: oldB, Unit: unit,
		OldMedian: summarize(oldV).Center, NewMedian: summarize(newV).Center}
	th := &benchmath.DefaultThresholds
	oldS, newS := benchmath.NewSample(slices.Clone(oldV), th), benchmath.NewSample(slices.Clone(newV), th)
	cmp := benchmath.AssumeNothing.Compare(oldS, newS)
	c.P = cmp.P
	for _, w := range slices.Concat(oldS.Warnings, newS.Warnings, cmp.Warnings) {
		c.Warnings = append(c.Warnings, w.Error())
	}
	if ratios, ok := pairedRatios(newV, oldV); ok {
		r := summarize(ratios)
		c.Ratio = &r
	}
	c.Delta = delta(c)
	return c
}

// pairedRatios returns new/old round by round; a round where both are 0
// (no allocation either way) counts as 1. It fails when old is 0 and new
// is not: no ratio says how much more that is.
func pairedRatios(newV, oldV []float64) ([]float64, bool) {
	if len(newV) != len(oldV) {
		return nil, false
	}
	ratios := make([]float64, len(newV))
	for i := range newV {
		switch {
		case oldV[i] == 0 && newV[i] == 0:
			ratios[i] = 1
		case oldV[i] == 0:
			return nil, false
		default:
			ratios[i] = newV[i] / oldV[i]
		}
	}
	return ratios, true
}

// delta says which way a comparison went: significantly when p is under
// Alpha and the ratio's interval lies wholly on one side of 1.
func delta(c Comparison) string {
	down, up := "less", "more"
	if c.Unit == "sec/op" {
		down, up = "faster", "slower"
	}
	switch {
	case c.P >= Alpha:
		return "~"
	case c.Ratio == nil && c.NewMedian > c.OldMedian:
		return up
	case c.Ratio == nil:
		return "~"
	case c.Ratio.Hi < 1:
		return down
	case c.Ratio.Lo > 1:
		return up
	}
	return "~"
}

// comparisons are the pairs of builds a verdict rests on, new against old.
func comparisons() [][2]string {
	return [][2]string{{buildFix, buildOriginal}, {buildPGO, buildOriginal}, {buildFixPGO, buildPGO}}
}

// measure summarises one benchmark's series in every build and compares
// the builds each verdict rests on.
func measure(pkg, name string, byBuild map[string]series) (Benchmark, error) {
	b := Benchmark{Package: pkg, Name: name}
	for _, build := range builds(0) {
		s := byBuild[build]
		if len(s["sec/op"]) == 0 {
			return b, fmt.Errorf("%s in %s: no result from the %s build", name, pkg, build)
		}
		bs := BuildStats{Build: build, Stats: map[string]Interval{}}
		for _, u := range units() {
			if len(s[u]) > 0 {
				bs.Stats[u] = summarize(s[u])
			}
		}
		b.Rounds = len(s["sec/op"])
		b.Builds = append(b.Builds, bs)
	}
	for _, pair := range comparisons() {
		newS, oldS := byBuild[pair[0]], byBuild[pair[1]]
		for _, u := range units() {
			if len(newS[u]) > 0 && len(oldS[u]) > 0 {
				b.Comparisons = append(b.Comparisons, compare(pair[0], pair[1], u, newS[u], oldS[u]))
			}
		}
	}
	return b, nil
}

// comparison returns a benchmark's comparison of new with old on a unit.
func (b Benchmark) comparison(newB, oldB, unit string) (Comparison, bool) {
	for _, c := range b.Comparisons {
		if c.New == newB && c.Old == oldB && c.Unit == unit {
			return c, true
		}
	}
	return Comparison{}, false
}

// faster reports whether new is significantly faster than old in every
// benchmark: a verdict must hold for each of them, not on average.
func faster(bench []Benchmark, newB, oldB string) bool {
	for _, b := range bench {
		if c, ok := b.comparison(newB, oldB, "sec/op"); !ok || c.Delta != "faster" {
			return false
		}
	}
	return len(bench) > 0
}

// Verdicts.
const (
	VerdictRewrite    = "rewrite"       // the fix is faster than the original
	VerdictPGO        = "use PGO"       // PGO is faster, and the fix makes the PGO build no faster
	VerdictRewritePGO = "rewrite + PGO" // the fix makes the PGO build faster still
	VerdictNeither    = "neither"
	VerdictUnsafe     = "unsafe"       // the fixed module fails to build, vet or test
	VerdictUnmeasured = "no benchmark" // safe, but nothing measures it
)

// verdict decides a measured finding's verdict from its benchmarks and
// says which numbers it rests on.
func verdict(bench []Benchmark) (string, string) {
	fix := faster(bench, buildFix, buildOriginal)
	pgo := faster(bench, buildPGO, buildOriginal)
	both := faster(bench, buildFixPGO, buildPGO)
	numbers := evidence(bench)
	switch {
	case both && (pgo || !fix):
		return VerdictRewritePGO, "with PGO, the fix is faster than PGO alone in every benchmark: " + numbers
	case fix:
		return VerdictRewrite, "the fix is faster than the original in every benchmark: " + numbers
	case pgo:
		return VerdictPGO, "PGO is faster than the original in every benchmark, and the fix makes the PGO build no faster: " + numbers
	}
	return VerdictNeither, "neither the fix nor PGO is significantly faster in every benchmark: " + numbers
}

// evidence lists, per benchmark, the time ratios a verdict rests on and
// any change in allocations.
func evidence(bench []Benchmark) string {
	var parts []string
	for _, b := range bench {
		var cs []string
		for _, pair := range comparisons() {
			if c, ok := b.comparison(pair[0], pair[1], "sec/op"); ok {
				cs = append(cs, c.New+"/"+c.Old+" "+c.text())
			}
		}
		for _, u := range []string{"allocs/op", "B/op"} {
			if c, ok := b.comparison(buildFix, buildOriginal, u); ok && c.Delta != "~" {
				cs = append(cs, fmt.Sprintf("fix %s %s (%g against %g)", c.Delta, u, c.NewMedian, c.OldMedian))
			}
		}
		parts = append(parts, b.Name+": "+strings.Join(cs, ", "))
	}
	return strings.Join(parts, "; ")
}

// text shows a comparison as its ratio, interval and p-value.
func (c Comparison) text() string {
	if c.Ratio == nil {
		return fmt.Sprintf("%g→%g p=%.3g %s", c.OldMedian, c.NewMedian, c.P, c.Delta)
	}
	return fmt.Sprintf("%.3f [%.3f, %.3f] p=%.3g %s", c.Ratio.Center, c.Ratio.Lo, c.Ratio.Hi, c.P, c.Delta)
}

// mergeProfiles merges CPU profiles into one file for go build -pgo.
func mergeProfiles(files []string, out string) (string, error) {
	var profs []*pprof.Profile
	for _, name := range files {
		p, err := readProfile(name)
		if err != nil {
			return "", err
		}
		profs = append(profs, p)
	}
	if len(profs) == 0 {
		return "", fmt.Errorf("no profile to merge")
	}
	merged, err := pprof.Merge(profs)
	if err != nil {
		return "", fmt.Errorf("merging the benchmarks' profiles: %w", err)
	}
	f, err := os.Create(out)
	if err != nil {
		return "", fmt.Errorf("writing the PGO profile: %w", err)
	}
	if err := merged.Write(f); err != nil {
		f.Close()
		return "", fmt.Errorf("writing the PGO profile: %w", err)
	}
	return out, f.Close()
}

func readProfile(name string) (*pprof.Profile, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("reading a benchmark's profile: %w", err)
	}
	defer f.Close()
	p, err := pprof.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}
