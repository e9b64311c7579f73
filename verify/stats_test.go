package verify

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsmvet/fsmvet/internal/edit"
)

func TestPairedRatios(t *testing.T) {
	for _, tc := range []struct {
		newV, oldV []float64
		want       []float64
		ok         bool
	}{
		{[]float64{2, 3}, []float64{1, 2}, []float64{2, 1.5}, true},
		{[]float64{0, 0}, []float64{0, 0}, []float64{1, 1}, true}, // no allocation either way
		{[]float64{1, 0}, []float64{0, 0}, nil, false},            // 0 → 1 has no ratio
		{[]float64{1}, []float64{1, 2}, nil, false},
	} {
		got, ok := pairedRatios(tc.newV, tc.oldV)
		if ok != tc.ok || len(got) != len(tc.want) {
			t.Errorf("pairedRatios(%v, %v) = %v, %v", tc.newV, tc.oldV, got, ok)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("pairedRatios(%v, %v) = %v, want %v", tc.newV, tc.oldV, got, tc.want)
			}
		}
	}
}

// rounds makes n values spread evenly around center.
func spread(center float64, n int) []float64 {
	var vs []float64
	for i := range n {
		vs = append(vs, center*(1+0.001*float64(i-n/2)))
	}
	return vs
}

func TestCompareDelta(t *testing.T) {
	old := spread(100, 8)
	if c := compare("fix", "original", "sec/op", spread(80, 8), old); c.Delta != "faster" || c.Ratio.Hi >= 1 {
		t.Errorf("80 against 100: %+v", c)
	}
	if c := compare("fix", "original", "sec/op", spread(120, 8), old); c.Delta != "slower" {
		t.Errorf("120 against 100: %+v", c)
	}
	if c := compare("fix", "original", "sec/op", old, old); c.Delta != "~" {
		t.Errorf("equal samples: %+v", c)
	}
	if c := compare("fix", "original", "allocs/op", spread(1, 8), make([]float64, 8)); c.Delta != "more" || c.Ratio != nil {
		t.Errorf("1 alloc against 0: %+v", c)
	}
}

// bench makes a benchmark whose builds take the given times.
func bench(orig, pgo, fix, fixPGO float64) Benchmark {
	return mustMeasure(map[string]series{
		buildOriginal: {"sec/op": spread(orig, 8)},
		buildPGO:      {"sec/op": spread(pgo, 8)},
		buildFix:      {"sec/op": spread(fix, 8)},
		buildFixPGO:   {"sec/op": spread(fixPGO, 8)},
	})
}

func mustMeasure(s map[string]series) Benchmark {
	b, err := measure("p", "B", s)
	if err != nil {
		panic(err)
	}
	return b
}

func TestVerdict(t *testing.T) {
	for _, tc := range []struct {
		name  string
		bench []Benchmark
		want  string
	}{
		{"the fix alone pays", []Benchmark{bench(100, 100, 80, 100)}, VerdictRewrite},
		{"PGO pays, the fix adds nothing", []Benchmark{bench(100, 80, 100, 80)}, VerdictPGO},
		{"both pay", []Benchmark{bench(100, 80, 90, 70)}, VerdictRewritePGO},
		{"nothing pays", []Benchmark{bench(100, 100, 100, 100)}, VerdictNeither},
		{"the fix is slower", []Benchmark{bench(100, 100, 130, 130)}, VerdictNeither},
		{"the fix pays in one benchmark only", []Benchmark{bench(100, 100, 80, 100), bench(100, 100, 120, 100)}, VerdictNeither},
	} {
		got, why := verdict(tc.bench)
		if got != tc.want {
			t.Errorf("%s: %q (%s), want %q", tc.name, got, why, tc.want)
		}
		if !strings.Contains(why, "fix/original") || !strings.Contains(why, "p=") {
			t.Errorf("%s: the verdict does not name its numbers: %s", tc.name, why)
		}
	}
}

func TestAffected(t *testing.T) {
	pkgs := []*listedPkg{
		{ImportPath: "m/a"},
		{ImportPath: "m/b", Imports: []string{"m/a"}},
		{ImportPath: "m/c", Imports: []string{"m/b"}},
		{ImportPath: "m/d", TestImports: []string{"m/c"}},
		{ImportPath: "m/e", XTestImports: []string{"m/d"}}, // d's code does not depend on a
		{ImportPath: "m/f"},
	}
	var got []string
	for _, p := range affected(pkgs, "m/a") {
		got = append(got, p.ImportPath)
	}
	if strings.Join(got, " ") != "m/a m/b m/c m/d" {
		t.Errorf("affected by m/a: %v", got)
	}
}

func TestAbsoluteReplaces(t *testing.T) {
	orig, dir := t.TempDir(), t.TempDir()
	gomod := "module m\n\ngo 1.26\n\nreplace example.com/x => ../x\n\nreplace example.com/y => example.com/z v1.0.0\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &scratch{orig: orig, dir: dir}
	if err := s.absoluteReplaces(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	if !strings.Contains(string(got), filepath.Join(orig, "../x")) || !strings.Contains(string(got), "example.com/z v1.0.0") {
		t.Errorf("go.mod after:\n%s", got)
	}
}

func TestApplyFindings(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.go")
	src := []byte("package a\n\nvar x = 1\n\nvar y = 2\n")
	if err := os.WriteFile(name, src, 0o644); err != nil {
		t.Fatal(err)
	}
	file := func(e edit.Edit) *fix {
		return &fix{files: []fixedFile{{tree: name, before: src, edits: []edit.Edit{e}}}}
	}
	findings := []Finding{
		{Verdict: VerdictRewrite, fix: file(edit.Replace(19, 20, "10"))},
		{Verdict: VerdictRewritePGO, fix: file(edit.Replace(30, 31, "20"))},
		{Verdict: VerdictNeither, fix: file(edit.Replace(0, 9, "package b"))},
		// Overlaps the first: left for the next run.
		{Name: "z", Posn: "a.go:3:5", Verdict: VerdictRewrite, fix: file(edit.Replace(15, 20, "x = 3"))},
	}
	written, left, err := applyFindings(findings)
	if err != nil || len(written) != 1 || !slices.Equal(left, []string{"z at a.go:3:5"}) {
		t.Fatalf("applyFindings: written %v, left out %v, %v", written, left, err)
	}
	got, _ := os.ReadFile(name)
	if string(got) != "package a\n\nvar x = 10\n\nvar y = 20\n" {
		t.Errorf("after -apply:\n%s", got)
	}
	// The file now differs from what verify read: nothing more is written.
	if _, _, err := applyFindings(findings[:1]); err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Errorf("applying to a changed file: %v", err)
	}
}

func TestTwice(t *testing.T) {
	for in, want := range map[string]string{"1s": "2s", "300ms": "600ms", "50x": "100x", "1m": "2m0s", "junk": "junk"} {
		if got := twice(in); got != want {
			t.Errorf("twice(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTimeLeft(t *testing.T) {
	for _, c := range []struct {
		elapsed     time.Duration
		done, count int
		want        string
	}{
		{0, 0, 10, ""},
		{20 * time.Second, 2, 10, ", about 1m20s left"},
		{3 * time.Second, 3, 6, ", about 3s left"},
	} {
		if got := timeLeft(c.elapsed, c.done, c.count); got != c.want {
			t.Errorf("timeLeft(%v, %d, %d) = %q, want %q", c.elapsed, c.done, c.count, got, c.want)
		}
	}
}

func TestMeasureMissing(t *testing.T) {
	s := map[string]series{
		buildOriginal: {"sec/op": spread(100, 8), "allocs/op": spread(3, 8)},
		buildPGO:      {"sec/op": spread(100, 8)},
		buildFix:      {"sec/op": spread(100, 8), "allocs/op": spread(1, 8)},
		buildFixPGO:   {"sec/op": spread(100, 8), "allocs/op": spread(1, 8)}, // PGO has none to compare with
	}
	b := mustMeasure(s)
	if b.Rounds != 8 || len(b.Builds) != 4 {
		t.Errorf("rounds %d, builds %d; want 8 and 4", b.Rounds, len(b.Builds))
	}
	for _, bs := range b.Builds {
		if _, ok := bs.Stats["B/op"]; ok {
			t.Errorf("%s has B/op stats, but no B/op was measured", bs.Build)
		}
		if _, ok := bs.Stats["allocs/op"]; ok != (bs.Build != buildPGO) {
			t.Errorf("%s: allocs/op stats %v", bs.Build, bs.Stats)
		}
	}
	var got []string
	for _, c := range b.Comparisons {
		got = append(got, c.New+"/"+c.Old+" "+c.Unit)
	}
	if want := "fix/original sec/op, fix/original allocs/op, PGO/original sec/op, fix+PGO/PGO sec/op"; strings.Join(got, ", ") != want {
		t.Errorf("comparisons: %s, want %s", strings.Join(got, ", "), want)
	}
	if _, ok := b.comparison(buildFixPGO, buildPGO, "allocs/op"); ok {
		t.Errorf("fix+PGO/PGO allocs/op compared against nothing")
	}

	delete(s, buildPGO)
	if _, err := measure("p", "B", s); err == nil || err.Error() != "B in p: no result from the PGO build" {
		t.Errorf("no PGO result: %v", err)
	}
}

func TestDeltaRules(t *testing.T) {
	ratio := func(lo, hi float64) *Interval { return &Interval{Center: (lo + hi) / 2, Lo: lo, Hi: hi} }
	for _, tc := range []struct {
		c    Comparison
		want string
	}{
		{Comparison{Unit: "sec/op", P: 0.01, Ratio: ratio(0.8, 0.9)}, "faster"},
		{Comparison{Unit: "sec/op", P: 0.01, Ratio: ratio(1.1, 1.2)}, "slower"},
		{Comparison{Unit: "B/op", P: 0.01, Ratio: ratio(0.8, 0.9)}, "less"},
		{Comparison{Unit: "allocs/op", P: 0.01, Ratio: ratio(1.1, 1.2)}, "more"},
		{Comparison{Unit: "sec/op", P: 0.05, Ratio: ratio(0.8, 0.9)}, "~"}, // p at Alpha is not significant
		{Comparison{Unit: "sec/op", P: 0.049, Ratio: ratio(0.8, 0.9)}, "faster"},
		{Comparison{Unit: "sec/op", P: 0.01, Ratio: ratio(0.9, 1.1)}, "~"}, // the interval holds 1
		{Comparison{Unit: "sec/op", P: 0.01, Ratio: ratio(0.9, 1)}, "~"},   // touches 1
		{Comparison{Unit: "sec/op", P: 0.01, Ratio: ratio(1, 1.1)}, "~"},
		{Comparison{Unit: "allocs/op", P: 0.01, OldMedian: 0, NewMedian: 2}, "more"}, // no ratio from 0
		{Comparison{Unit: "sec/op", P: 0.01, OldMedian: 0, NewMedian: 2}, "slower"},
		{Comparison{Unit: "allocs/op", P: 0.01, OldMedian: 2, NewMedian: 2}, "~"},
		{Comparison{Unit: "allocs/op", P: 0.5, OldMedian: 0, NewMedian: 2}, "~"},
	} {
		if got := delta(tc.c); got != tc.want {
			t.Errorf("delta(%+v, ratio %+v) = %q, want %q", tc.c, tc.c.Ratio, got, tc.want)
		}
	}
}

func TestComparisonText(t *testing.T) {
	c := Comparison{Ratio: &Interval{Center: 0.8, Lo: 0.75, Hi: 0.85}, P: 0.000123, Delta: "faster", OldMedian: 100, NewMedian: 80}
	if got, want := c.text(), "0.800 [0.750, 0.850] p=0.000123 faster"; got != want {
		t.Errorf("text with a ratio: %q, want %q", got, want)
	}
	c = Comparison{OldMedian: 0, NewMedian: 2, P: 0.0002, Delta: "more"}
	if got, want := c.text(), "0→2 p=0.0002 more"; got != want {
		t.Errorf("text without a ratio: %q, want %q", got, want)
	}
}

// made is a benchmark whose sec/op comparisons have the given deltas
// (fix/original, PGO/original, fix+PGO/PGO; "" for none) and whose
// comparisons of allocations are others.
func made(name string, deltas [3]string, others ...Comparison) Benchmark {
	b := Benchmark{Package: "p", Name: name}
	for i, pair := range comparisons() {
		if deltas[i] == "" {
			continue
		}
		b.Comparisons = append(b.Comparisons, Comparison{New: pair[0], Old: pair[1], Unit: "sec/op",
			Ratio: &Interval{Center: 0.9, Lo: 0.85, Hi: 0.95}, P: 0.001, Delta: deltas[i]})
	}
	b.Comparisons = append(b.Comparisons, others...)
	return b
}

func TestVerdictRules(t *testing.T) {
	const f = "faster"
	for _, tc := range []struct {
		name  string
		bench []Benchmark
		want  string
	}{
		{"no benchmark", nil, VerdictNeither},
		{"all three faster", []Benchmark{made("B", [3]string{f, f, f})}, VerdictRewritePGO},
		{"only fix+PGO against PGO", []Benchmark{made("B", [3]string{"~", "~", f})}, VerdictRewritePGO},
		{"the fix alone, and on top of a useless PGO", []Benchmark{made("B", [3]string{f, "~", f})}, VerdictRewrite},
		{"the fix and PGO, but not together", []Benchmark{made("B", [3]string{f, f, "~"})}, VerdictRewrite},
		{"PGO alone", []Benchmark{made("B", [3]string{"~", f, "~"})}, VerdictPGO},
		{"PGO alone, the fix slower on top", []Benchmark{made("B", [3]string{"~", f, "slower"})}, VerdictPGO},
		{"nothing", []Benchmark{made("B", [3]string{"~", "~", "~"})}, VerdictNeither},
		{"fix compared in one benchmark only", []Benchmark{made("B", [3]string{f, "~", "~"}), made("C", [3]string{"", "~", "~"})}, VerdictNeither},
		{"fix faster in both", []Benchmark{made("B", [3]string{f, "~", "~"}), made("C", [3]string{f, "~", "~"})}, VerdictRewrite},
	} {
		if got, why := verdict(tc.bench); got != tc.want {
			t.Errorf("%s: %q (%s), want %q", tc.name, got, why, tc.want)
		}
	}
}

func TestVerdictWhy(t *testing.T) {
	allocs := Comparison{New: buildFix, Old: buildOriginal, Unit: "allocs/op", OldMedian: 3, NewMedian: 1, P: 0.001, Delta: "less"}
	bytesSame := Comparison{New: buildFix, Old: buildOriginal, Unit: "B/op", OldMedian: 64, NewMedian: 64, P: 1, Delta: "~"}
	bytesMore := Comparison{New: buildFix, Old: buildOriginal, Unit: "B/op", OldMedian: 64, NewMedian: 96, P: 0.002, Delta: "more"}
	pgoAllocs := Comparison{New: buildPGO, Old: buildOriginal, Unit: "allocs/op", OldMedian: 3, NewMedian: 2, P: 0.001, Delta: "less"}
	b := made("B", [3]string{"faster", "~", "faster"}, bytesSame, allocs, pgoAllocs)
	c := made("C", [3]string{"faster", "~", "faster"}, bytesMore)
	got, why := verdict([]Benchmark{b, c})
	want := "the fix is faster than the original in every benchmark: " +
		"B: fix/original 0.900 [0.850, 0.950] p=0.001 faster, PGO/original 0.900 [0.850, 0.950] p=0.001 ~, fix+PGO/PGO 0.900 [0.850, 0.950] p=0.001 faster, fix less allocs/op (1 against 3); " +
		"C: fix/original 0.900 [0.850, 0.950] p=0.001 faster, PGO/original 0.900 [0.850, 0.950] p=0.001 ~, fix+PGO/PGO 0.900 [0.850, 0.950] p=0.001 faster, fix more B/op (96 against 64)"
	if got != VerdictRewrite || why != want {
		t.Errorf("verdict %q, why:\n%s\nwant %q, why:\n%s", got, why, VerdictRewrite, want)
	}

	for _, tc := range []struct {
		deltas [3]string
		prefix string
	}{
		{[3]string{"faster", "faster", "faster"}, "with PGO, the fix is faster than PGO alone in every benchmark: B: "},
		{[3]string{"~", "faster", "~"}, "PGO is faster than the original in every benchmark, and the fix makes the PGO build no faster: B: "},
		{[3]string{"~", "~", "~"}, "neither the fix nor PGO is significantly faster in every benchmark: B: "},
	} {
		if _, why := verdict([]Benchmark{made("B", tc.deltas)}); !strings.HasPrefix(why, tc.prefix) {
			t.Errorf("%v: why %q, want it to begin %q", tc.deltas, why, tc.prefix)
		}
	}
}
