package generator_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/passes/generator"
	"github.com/fsmvet/fsmvet/profile"
)

// testdata is the repository's shared fixture tree: analysistest needs it
// as an absolute GOPATH.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// setFlag sets an analyzer flag for the rest of the test.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	f := generator.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

// TestChannelGenerators: the generators rewritten, each fix matching its
// golden file.
func TestChannelGenerators(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), generator.Analyzer, "generator/chans", "generator/mainpkg")
}

// TestPullLoops: the iter.Pull loops rewritten, each fix matching its
// golden file; and the benchmark fixture, a channel generator and a Pull
// loop, whose file loses its iter import.
func TestPullLoops(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), generator.Analyzer, "generator/pulls", "generator/bench")
}

// TestRefused: with -generator.all, the generators whose rewrite would
// break callers or change what the program does are reported without a
// fix, each reason at its place.
func TestRefused(t *testing.T) {
	setFlag(t, "all", "true")
	analysistest.RunWithSuggestedFixes(t, testdata(t), generator.Analyzer, "generator/refused", "generator/itername", "generator/itername2")
}

// TestNegatives: what is not a generator or a Pull loop that can be
// rewritten is not reported, even with -generator.all.
func TestNegatives(t *testing.T) {
	setFlag(t, "all", "true")
	analysistest.Run(t, testdata(t), generator.Analyzer, "generator/negative")
}

func TestPullImport(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), generator.Analyzer, "generator/pullimport")
}

// TestDefaultPolicy: without -generator.all, a generator whose rewrite
// is refused is found (the report ranks it) but not reported.
func TestDefaultPolicy(t *testing.T) {
	results := analysistest.Run(ignoreWants{}, testdata(t), generator.Analyzer, "generator/refused")
	found, reported := 0, 0
	for _, r := range results {
		found += len(r.Result.(*generator.Result).Findings)
		reported += len(r.Diagnostics)
	}
	if reported != 0 || found < 20 {
		t.Errorf("%d findings, %d reported: want 20 or more found, none reported", found, reported)
	}
}

// ignoreWants takes the place of a *testing.T for a fixture whose want
// comments expect what another flag reports.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

// TestSharedImportOverlaps: a channel generator's fix that uses the iter
// import a Pull loop's fix deletes touches that import too, so that a
// driver applying both (fsmvet -fix, go fix) sees them overlap and
// applies one per run, never both.
func TestSharedImportOverlaps(t *testing.T) {
	results := analysistest.Run(t, testdata(t), generator.Analyzer, "generator/pullimport")
	r := results[0]
	var byKind [2][]edit.Edit
	for _, f := range r.Result.(*generator.Result).Findings {
		if filepath.Base(r.Pass.Fset.File(f.Pos).Name()) != "shared.go" {
			continue
		}
		edits, err := edit.FromAnalysis(r.Pass.Fset, f.Diagnostic.SuggestedFixes[0].TextEdits)
		if err != nil {
			t.Fatal(err)
		}
		for _, es := range edits {
			byKind[f.Kind] = append(byKind[f.Kind], es...)
		}
	}
	if len(byKind[0]) == 0 || len(byKind[1]) == 0 {
		t.Fatalf("shared.go: %d generator edits, %d Pull edits: want both", len(byKind[0]), len(byKind[1]))
	}
	for _, e := range byKind[generator.ChannelGenerator] {
		for _, o := range byKind[generator.PullLoop] {
			if e.Overlaps(o) && e != o {
				return
			}
		}
	}
	t.Errorf("the generator's fix %v and the Pull loop's %v do not overlap: applied together, the generator would use a deleted import", byKind[0], byKind[1])
}

// TestRelatedAtMostFive: a finding points at its goroutine and its loops,
// those that leave early first, five positions at most besides its
// blockers, so that it stays a few lines of go vet output (digits has
// seven).
func TestRelatedAtMostFive(t *testing.T) {
	results := analysistest.Run(t, testdata(t), generator.Analyzer, "generator/chans")
	most := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n := 0
			for _, rel := range d.Related {
				if !strings.HasPrefix(rel.Message, "blocks a rewrite: ") {
					n++
				}
			}
			most = max(most, n)
		}
	}
	if most != 5 {
		t.Errorf("at most %d related positions besides blockers, want 5", most)
	}
}

// TestRelatedOrder: after the goroutine, the loops that leave early, each
// with how, then the others; digits' four early loops fill the five
// positions, so its three other loops are left out.
func TestRelatedOrder(t *testing.T) {
	results := analysistest.Run(t, testdata(t), generator.Analyzer, "generator/chans")
	got := map[string][]string{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			name, _, _ := strings.Cut(strings.TrimPrefix(d.Message, "channel generator "), ":")
			if _, seen := got[name]; seen {
				continue // the package's variant with its tests reports it again
			}
			got[name] = []string{}
			for _, rel := range d.Related {
				posn := r.Pass.Fset.Position(rel.Pos)
				got[name] = append(got[name], fmt.Sprintf("%s:%d %s", filepath.Base(posn.Filename), posn.Line, rel.Message))
			}
		}
	}
	want := map[string][]string{
		"digits": {
			"more.go:98 the goroutine that sends the values",
			"more.go:134 this loop can leave early (continue)",
			"more.go:153 this loop can leave early (panic)",
			"more.go:164 this loop can leave early (goto)",
			"more.go:174 this loop can leave early (break)",
		},
		"values": {
			"chans.go:85 the goroutine that sends the values",
			"chans.go:97 a loop over the channel",
			"chans.go:106 a loop over the channel",
		},
		"downFrom": {
			"sized.go:20 the goroutine that sends the values",
			"sized.go:34 this loop can leave early (break)",
			"sized.go:47 this loop can leave early (return, break)",
		},
	}
	for name, w := range want {
		if !slices.Equal(got[name], w) {
			t.Errorf("%s's related positions:\n%s\nwant\n%s", name, strings.Join(got[name], "\n"), strings.Join(w, "\n"))
		}
	}
}

// TestKindAndFixed: a finding's Kind names it as its message does (the
// report's kind column), and Fixed says whether the message offers a fix
// (the report's verdict), for both kinds, fixed and refused.
func TestKindAndFixed(t *testing.T) {
	setFlag(t, "all", "true")
	seen := map[string]bool{}
	for _, r := range analysistest.Run(ignoreWants{}, testdata(t), generator.Analyzer, "generator/chans", "generator/pulls", "generator/refused") {
		for _, f := range r.Result.(*generator.Result).Findings {
			msg := f.Diagnostic.Message
			if !strings.HasPrefix(msg, f.Kind.String()+" ") && !strings.HasPrefix(msg, f.Kind.String()+":") {
				t.Errorf("%s is a %q: %s", f.Name, f.Kind, msg)
			}
			if fixed := strings.Contains(msg, "; fix: "); f.Fixed() != fixed {
				t.Errorf("%s: Fixed() = %t; its message: %s", f.Name, f.Fixed(), msg)
			}
			seen[fmt.Sprintf("%s fixed %t", f.Kind, f.Fixed())] = true
		}
	}
	for _, want := range []string{"channel generator fixed true", "channel generator fixed false", "iter.Pull loop fixed true"} {
		if !seen[want] {
			t.Errorf("no %s among the findings: %v", want, seen)
		}
	}
}

// TestSiteInClosure: a Pull loop in a function literal is placed where a
// profile puts its samples, in the literal (sums.func1) at the line of
// its next call, counted from the literal's first line.
func TestSiteInClosure(t *testing.T) {
	want := []profile.Site{{Func: "generator/pulls.sums.func1", Offset: 5}}
	for _, r := range analysistest.Run(t, testdata(t), generator.Analyzer, "generator/pulls") {
		for _, f := range r.Result.(*generator.Result).Findings {
			if f.Name == "iter.Pull(slices.Values(tenthsOfDegreesFromSensor))" {
				if f.Func != want[0].Func || !slices.Equal(f.Sites, want) {
					t.Errorf("sums' Pull loop runs in %s at %v, want %v", f.Func, f.Sites, want)
				}
				return
			}
		}
	}
	t.Error("sums' Pull loop not found")
}
