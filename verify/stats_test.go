package verify

import (
	"os"
	"path/filepath"
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
	}
	written, err := applyFindings(findings)
	if err != nil || len(written) != 1 {
		t.Fatalf("applyFindings: %v, %v", written, err)
	}
	got, _ := os.ReadFile(name)
	if string(got) != "package a\n\nvar x = 10\n\nvar y = 20\n" {
		t.Errorf("after -apply:\n%s", got)
	}
	// The file now differs from what verify read: nothing more is written.
	if _, err := applyFindings(findings[:1]); err == nil || !strings.Contains(err.Error(), "changed since") {
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
