package hotspot

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	pprof "github.com/google/pprof/profile"
	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/profile"
)

const (
	runFn   = "example.com/ex.Run" // starts at line 10, polls at 15
	pollA   = "example.com/tasks.(*A).Poll"
	pollB   = "example.com/tasks.(*B).Poll"
	hot     = "example.com/m.hot"
	cold    = "example.com/m.cold"
	other   = "example.com/m.other"
	preempt = "runtime.asyncPreempt"
)

// writeProfile writes a CPU profile of 1000 ns to a temporary file:
//
//	ns   stack, innermost first
//	600  A.Poll, Run:15
//	200  B.Poll, Run:15
//	 50  asyncPreempt, Run:15
//	100  Run:12
//	 25  hot (2.5%)
//	 24  cold (2.4%)
//	  1  other
//
// so Run has 95% cumulative and 10% flat, 85% and 0% at its poll (offset
// 5), whose callees are A 75% and B 25%. By cumulative weight the seven
// functions rank Run, A, B, asyncPreempt, hot, cold, other.
func writeProfile(t *testing.T) string {
	t.Helper()
	p := &pprof.Profile{
		SampleType: []*pprof.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &pprof.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     1,
	}
	funcs := map[string]*pprof.Function{}
	for i, name := range []string{runFn, pollA, pollB, hot, cold, other, preempt} {
		f := &pprof.Function{ID: uint64(i + 1), Name: name, StartLine: int64(10 + 100*i)}
		funcs[name] = f
		p.Function = append(p.Function, f)
	}
	loc := func(name string, line int64) *pprof.Location {
		l := &pprof.Location{ID: uint64(len(p.Location) + 1), Line: []pprof.Line{{Function: funcs[name], Line: line}}}
		p.Location = append(p.Location, l)
		return l
	}
	poll := loc(runFn, 15)
	for _, s := range []struct {
		ns    int64
		stack []*pprof.Location
	}{
		{600, []*pprof.Location{loc(pollA, 111), poll}},
		{200, []*pprof.Location{loc(pollB, 211), poll}},
		{50, []*pprof.Location{loc(preempt, 611), poll}},
		{100, []*pprof.Location{loc(runFn, 12)}},
		{25, []*pprof.Location{loc(hot, 311)}},
		{24, []*pprof.Location{loc(cold, 411)}},
		{1, []*pprof.Location{loc(other, 511)}},
	} {
		p.Sample = append(p.Sample, &pprof.Sample{Value: []int64{1, s.ns}, Location: s.stack})
	}
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := p.Write(f); err != nil {
		t.Fatal(err)
	}
	return path
}

func offset(n int) *int { return &n }

// TestAnnotate checks the text each finding gets and whether it is kept
// at -hot 2.5%: hot, at exactly 2.5%, is; cold, at 2.4%, is not.
func TestAnnotate(t *testing.T) {
	r := &Result{files: []string{writeProfile(t)}, hot: 0.025}
	for _, tc := range []struct {
		fn     string
		offset *int
		want   string
		keep   bool
	}{
		{runFn, nil, "; CPU 95.0% cum, 10.0% flat (rank 1 of 7)", true},
		{runFn, offset(5), "; CPU 85.0% cum, 0.0% flat (rank 1 of 7); callees: tasks.(*A).Poll 75%, tasks.(*B).Poll 25%", true},
		{runFn, offset(2), "; CPU 10.0% cum, 10.0% flat (rank 1 of 7)", true},
		{runFn, offset(3), "; CPU 0.0% cum, 0.0% flat (rank 1 of 7)", false}, // a line the profile never saw
		{pollA, nil, "; CPU 60.0% cum, 60.0% flat (rank 2 of 7)", true},
		{hot, nil, "; CPU 2.5% cum, 2.5% flat (rank 5 of 7)", true},
		{cold, nil, "; CPU 2.4% cum, 2.4% flat (rank 6 of 7)", false},
		{"example.com/m.never", nil, "; CPU 0% (not in the profile)", false},
		{"example.com/m.never", offset(5), "; CPU 0% (not in the profile)", false},
	} {
		d := analysis.Diagnostic{Message: "finding"}
		keep, err := r.Annotate(&d, tc.fn, tc.offset)
		if err != nil || keep != tc.keep || d.Message != "finding"+tc.want {
			t.Errorf("Annotate(%s, %v) = %v, %v, %q\nwant %v, %q", tc.fn, tc.offset, keep, err, d.Message, tc.keep, "finding"+tc.want)
		}
		// Share gives back what Annotate added, for an editor's hover.
		if share, ok := Share(d.Message); !ok || share != strings.TrimPrefix(tc.want, "; ") {
			t.Errorf("Share(%q) = %q, %v; want %q", d.Message, share, ok, strings.TrimPrefix(tc.want, "; "))
		}
	}
	// At -hot 0 every finding is kept, even one the profile never saw.
	r0 := &Result{files: r.files, hot: 0}
	if keep, err := r0.Annotate(&analysis.Diagnostic{}, "example.com/m.never", nil); !keep || err != nil {
		t.Errorf("Annotate at -hot 0 of a function not in the profile = %v, %v; want it kept", keep, err)
	}
}

// TestProfileOnce checks the profile is parsed on first need, once, and
// that one that cannot be read is an error naming it, the finding kept.
func TestProfileOnce(t *testing.T) {
	r := &Result{files: []string{writeProfile(t)}}
	p1, err1 := r.Profile()
	p2, err2 := r.Profile()
	if p1 == nil || p1 != p2 || err1 != nil || err2 != nil {
		t.Errorf("Profile twice = %p, %v then %p, %v; want one profile", p1, err1, p2, err2)
	}
	bad := filepath.Join(t.TempDir(), "notes.pprof")
	if err := os.WriteFile(bad, []byte("not a profile"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = &Result{files: []string{bad}}
	d := analysis.Diagnostic{Message: "m"}
	keep, err := r.Annotate(&d, runFn, nil)
	if !keep || err == nil || !strings.HasPrefix(err.Error(), bad+": not a readable pprof profile") || d.Message != "m" {
		t.Errorf("Annotate with an unreadable profile = %v, %v, %q; want the error naming %s", keep, err, d.Message, bad)
	}
}

// TestNoProfile checks that without -profile a finding is kept unchanged,
// whatever -hot says.
func TestNoProfile(t *testing.T) {
	r := &Result{hot: 1}
	d := analysis.Diagnostic{Message: "m"}
	if keep, err := r.Annotate(&d, "pkg.F", nil); !keep || err != nil || d.Message != "m" {
		t.Errorf("Annotate without a profile: keep=%v err=%v message=%q", keep, err, d.Message)
	}
	if share, ok := Share(d.Message); ok {
		t.Errorf("Share of a message with no profile = %q, true; want nothing", share)
	}
}

// TestFlags sets -profile and -hot as a driver does and checks what run
// passes on to the other analyzers.
func TestFlags(t *testing.T) {
	t.Cleanup(func() { profileFlag, hotFlag = nil, profile.DefaultHot })
	if def := Analyzer.Flags.Lookup("hot").DefValue; def != "1%" {
		t.Errorf("-hot defaults to %q, want 1%%", def)
	}
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.pprof")
	if err := Analyzer.Flags.Set("profile", missing); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("-profile %s: %v; want the file named as missing", missing, err)
	}
	if err := Analyzer.Flags.Set("profile", missing); err != nil && strings.Contains(err.Error(), "$PWD") {
		t.Errorf("-profile %s: %v; an absolute path needs no advice on relative ones", missing, err)
	}
	if err := Analyzer.Flags.Set("profile", "missing.pprof"); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "-profile=$PWD/missing.pprof") {
		t.Errorf("-profile missing.pprof: %v; want advice to give go vet an absolute path", err)
	}
	a, b := writeProfile(t), writeProfile(t)
	if err := Analyzer.Flags.Set("profile", a+","+b); err != nil || Analyzer.Flags.Lookup("profile").Value.String() != a+","+b {
		t.Errorf("-profile %s,%s: %v, %q", a, b, err, Analyzer.Flags.Lookup("profile").Value)
	}
	if err := Analyzer.Flags.Set("profile", a+", "+b); err != nil || Analyzer.Flags.Lookup("profile").Value.String() != a+","+b {
		t.Errorf("-profile '%s, %s': %v, %q", a, b, err, Analyzer.Flags.Lookup("profile").Value)
	}
	// Its default, the empty string, names no profile (a driver resets a
	// flag by setting its default).
	if err := Analyzer.Flags.Set("profile", Analyzer.Flags.Lookup("profile").DefValue); err != nil || profileFlag != nil {
		t.Errorf("-profile '': %v, %q; want no profile", err, profileFlag)
	}
	if err := Analyzer.Flags.Set("profile", a+","+b); err != nil {
		t.Fatal(err)
	}
	if err := Analyzer.Flags.Set("hot", "50"); err == nil || !strings.HasSuffix(err.Error(), "such as 50%") {
		t.Errorf("-hot 50: %v; want an error suggesting 50%%", err)
	}
	if err := Analyzer.Flags.Set("hot", "2.5%"); err != nil {
		t.Fatal(err)
	}
	res, err := Analyzer.Run(nil)
	r := res.(*Result)
	if err != nil || !slices.Equal(r.files, []string{a, b}) || r.hot != 0.025 {
		t.Fatalf("run = %+v, %v; want both files and 2.5%%", r, err)
	}
	// The two profiles are merged: every share is as in one.
	d := analysis.Diagnostic{}
	if keep, err := r.Annotate(&d, hot, nil); !keep || err != nil || d.Message != "; CPU 2.5% cum, 2.5% flat (rank 5 of 7)" {
		t.Errorf("Annotate(hot) with the profile given twice = %v, %v, %q", keep, err, d.Message)
	}
}

func TestShortName(t *testing.T) {
	for _, tc := range [][2]string{
		{"example.com/tasks.(*A).Poll", "tasks.(*A).Poll"},
		{"a/b/c.F.func1", "c.F.func1"},
		{"main.run", "main.run"},
	} {
		if got := shortName(tc[0]); got != tc[1] {
			t.Errorf("shortName(%q) = %q, want %q", tc[0], got, tc[1])
		}
	}
}
