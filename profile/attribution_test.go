package profile_test

import (
	"bytes"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/profile"
)

// wantFunc is what a function of busy gets, worked out by hand from the
// table in busy's comment, in the order Funcs must give: by cumulative
// weight, heaviest first, and by name among equals.
type wantFunc struct {
	name              string
	start             int64
	flat, cum         int64
	lineFlat, lineCum map[int]int64
}

var busyFuncs = []wantFunc{
	// Every sample but the unsymbolized 8 ns passes through main and run.
	{mainFn, 10, 0, 92, map[int]int64{}, map[int]int64{2: 92}},
	{runFn, 20, 0, 92, map[int]int64{}, map[int]int64{2: 72, 5: 20}},
	// 30+10+10+10+5 through the poll at +5, 7 of its own at +3.
	{exRun, 30, 7, 72, map[int]int64{3: 7}, map[int]int64{5: 65, 3: 7}},
	// step is inlined in A.Poll: its 30 are A.Poll's cumulative, not flat.
	{pollA, 100, 10, 40, map[int]int64{1: 10}, map[int]int64{4: 30, 1: 10}},
	{step, 300, 30, 30, map[int]int64{3: 30}, map[int]int64{3: 30}},
	// walk is seven frames deep in a 15 ns sample, but counts it once.
	{walk, 400, 15, 20, map[int]int64{2: 15}, map[int]int64{2: 15, 5: 20}},
	{pollB, 200, 10, 10, map[int]int64{5: 10}, map[int]int64{5: 10}},
	{pollC, 250, 10, 10, map[int]int64{1: 10}, map[int]int64{1: 10}},
	{visit, 600, 5, 5, map[int]int64{1: 5}, map[int]int64{1: 5}},
	{preempt, 50, 5, 5, map[int]int64{0: 5}, map[int]int64{0: 5}},
}

// TestBusy loads busy gzipped from a file and uncompressed from a reader,
// and checks every number against busyFuncs.
func TestBusy(t *testing.T) {
	s := busy()
	fromFile, err := profile.Load(s.file(t))
	if err != nil {
		t.Fatal(err)
	}
	fromReader, err := profile.Parse("busy.pprof", bytes.NewReader(s.raw(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Load", func(t *testing.T) { checkBusy(t, fromFile) })
	t.Run("Parse", func(t *testing.T) { checkBusy(t, fromReader) })
}

func checkBusy(t *testing.T, prof *profile.Profile) {
	if prof.Total != 100 || prof.Unit != "nanoseconds" || prof.Warnings != nil {
		t.Errorf("total %d %s, warnings %q; want 100 nanoseconds, no warnings", prof.Total, prof.Unit, prof.Warnings)
	}
	var order []string
	for _, f := range prof.Funcs() {
		order = append(order, f.Name)
	}
	var want []string
	for _, w := range busyFuncs {
		want = append(want, w.name)
	}
	if !slices.Equal(order, want) {
		t.Errorf("Funcs order:\n got %q\nwant %q", order, want)
	}
	for i, w := range busyFuncs {
		f := prof.Func(w.name)
		if f == nil {
			t.Errorf("Func(%s) = nil", w.name)
			continue
		}
		if f.Name != w.name || f.File != strings.ToLower(w.name)+".go" || f.StartLine != w.start || f.Flat != w.flat || f.Cum != w.cum ||
			!maps.Equal(f.LineFlat, w.lineFlat) || !maps.Equal(f.LineCum, w.lineCum) {
			t.Errorf("Func(%s) = %+v\nwant %+v", w.name, *f, w)
		}
		if r := prof.Rank(w.name); r != i+1 {
			t.Errorf("Rank(%s) = %d, want %d", w.name, r, i+1)
		}
	}
	// idle appears only in a sample with no CPU: the profile never saw it.
	if f, r := prof.Func(idle), prof.Rank(idle); f != nil || r != 0 {
		t.Errorf("idle: Func %+v, Rank %d; want nil and 0", f, r)
	}
	if got := prof.Share(92); got != 0.92 {
		t.Errorf("Share(92) = %v, want 0.92", got)
	}
}

// TestBusyCallees checks the calls from each site: every distinct edge of
// a sample once (walk calls itself six times in one sample), inlined
// calls included, runtime.asyncPreempt left out.
func TestBusyCallees(t *testing.T) {
	prof, err := profile.Load(busy().file(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		site profile.Site
		want []profile.Callee
	}{
		// 40 to A, 10 each to B and C (B first by name), 5 preempted.
		{profile.Site{Func: exRun, Offset: 5}, []profile.Callee{{Name: pollA, Share: 40.0 / 60}, {Name: pollB, Share: 10.0 / 60}, {Name: pollC, Share: 10.0 / 60}}},
		{profile.Site{Func: walk, Offset: 5}, []profile.Callee{{Name: walk, Share: 0.75}, {Name: visit, Share: 0.25}}},
		{profile.Site{Func: pollA, Offset: 4}, []profile.Callee{{Name: step, Share: 1}}},
		{profile.Site{Func: mainFn, Offset: 2}, []profile.Callee{{Name: runFn, Share: 1}}},
		{profile.Site{Func: runFn, Offset: 2}, []profile.Callee{{Name: exRun, Share: 1}}},
		{profile.Site{Func: runFn, Offset: 5}, []profile.Callee{{Name: walk, Share: 1}}},
		{profile.Site{Func: exRun, Offset: 3}, nil},  // a leaf
		{profile.Site{Func: exRun, Offset: 35}, nil}, // an absolute line is not an offset
		{profile.Site{Func: "pkg.Unseen", Offset: 0}, nil},
	} {
		if got := prof.Callees(tc.site); !slices.Equal(got, tc.want) {
			t.Errorf("Callees(%v) = %v\nwant %v", tc.site, got, tc.want)
		}
	}
}

func TestMatches(t *testing.T) {
	prof, err := profile.Load(busy().file(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		pkgs []string
		want int
	}{
		{[]string{"example.com/tasks"}, 6}, // the three Polls, step, walk, visit
		{[]string{"example.com/ex", "main"}, 3},
		{[]string{"main", "main"}, 2}, // each function once
		{[]string{"example.com/task"}, 0},
		{[]string{"example.com"}, 0},
		{nil, 0},
	} {
		if got := prof.Matches(tc.pkgs); got != tc.want {
			t.Errorf("Matches(%q) = %d, want %d", tc.pkgs, got, tc.want)
		}
	}
}

// TestSampleTypes checks which value is read as CPU: cpu/nanoseconds
// wherever it is, else samples/count; anything else is not a CPU
// profile. One sample has the values 1, 20, 300, ... so the total says
// which was read.
func TestSampleTypes(t *testing.T) {
	for _, tc := range []struct {
		types     []string
		total     int64
		unit, err string
	}{
		{[]string{"samples/count", "cpu/nanoseconds"}, 20, "nanoseconds", ""},
		{[]string{"cpu/nanoseconds", "samples/count"}, 1, "nanoseconds", ""},
		{[]string{"wall/nanoseconds", "samples/count"}, 20, "count", ""},
		{[]string{"cpu/count", "samples/count", "cpu/seconds"}, 20, "count", ""},
		{[]string{"samples/count"}, 1, "count", ""},
		{[]string{"alloc_objects/count", "alloc_space/bytes", "inuse_objects/count", "inuse_space/bytes"}, 0, "",
			"x.pprof: not a CPU profile: its samples are alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes, want cpu/nanoseconds or samples/count"},
		{[]string{"samples/nanoseconds", "cpu/count"}, 0, "",
			"x.pprof: not a CPU profile: its samples are samples/nanoseconds, cpu/count, want cpu/nanoseconds or samples/count"},
	} {
		s := newSynth(tc.types...)
		s.fn("main.main", 10)
		values := []int64{1, 20, 300, 4000}[:len(tc.types)]
		s.sample(values, s.loc("main.main:11"))
		prof, err := profile.Parse("x.pprof", bytes.NewReader(s.gzipped(t)))
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: error %v\nwant %s", tc.types, err, tc.err)
			}
			continue
		}
		if err != nil || prof.Total != tc.total || prof.Unit != tc.unit {
			t.Errorf("%q: %v; want total %d %s", tc.types, err, tc.total, tc.unit)
			continue
		}
		if f := prof.Func("main.main"); f.Flat != tc.total || f.LineCum[1] != tc.total {
			t.Errorf("%q: main.main = %+v; want all %d at +1", tc.types, *f, tc.total)
		}
	}
}

// TestTotals checks the samples a share can be a fraction of: positive,
// and not so many they overflow.
func TestTotals(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []int64
		total  int64
		err    string
	}{
		{"none", nil, 0, "x.pprof: the profile has no CPU samples (was the program busy while it was profiled?)"},
		{"all zero", []int64{0, 0}, 0, "x.pprof: the profile has no CPU samples (was the program busy while it was profiled?)"},
		{"negative", []int64{5, -3}, 0, "x.pprof: a negative CPU sample (-3): a difference of two profiles?"},
		{"the most an int64 holds", []int64{math.MaxInt64 - 1, 1}, math.MaxInt64, ""},
		{"one more", []int64{math.MaxInt64 - 1, 2}, 0, "x.pprof: the CPU samples add up to more than an int64 holds"},
		{"zero and one", []int64{0, 1}, 1, ""},
	} {
		s := newSynth("samples/count", "cpu/nanoseconds")
		s.fn("main.a", 1)
		s.fn("main.b", 1)
		for i, v := range tc.values {
			// Two stacks, so that pprof does not merge the samples.
			s.sample([]int64{1, v}, s.loc([]string{"main.a:2", "main.b:2"}[i]))
		}
		prof, err := profile.Parse("x.pprof", bytes.NewReader(s.raw(t)))
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("%s: error %v\nwant %s", tc.name, err, tc.err)
		case tc.err == "" && (err != nil || prof.Total != tc.total):
			t.Errorf("%s: %v; want a total of %d", tc.name, err, tc.total)
		}
	}
}

// TestWarnings checks what Load says about a profile it can use but
// matches less well.
func TestWarnings(t *testing.T) {
	const (
		noStart   = "old.pprof: no function start lines (a profile from Go before 1.20?): lines are matched as absolute, so edits above a function break the match"
		noBuildID = "old.pprof: no build ID: cannot check the profile comes from the program analysed"
	)
	for _, tc := range []struct {
		name    string
		starts  [2]int64 // of main.a and main.b
		buildID string
		symbols bool
		want    []string
	}{
		{"Go 1.19", [2]int64{0, 0}, "", true, []string{noStart, noBuildID}},
		{"some start lines", [2]int64{0, 7}, "b1d", true, nil},
		{"no start lines", [2]int64{0, 0}, "b1d", true, []string{noStart}},
		{"no symbols", [2]int64{0, 0}, "b1d", false, nil},
		{"no build ID", [2]int64{3, 7}, "", true, []string{noBuildID}},
	} {
		s := newSynth("samples/count", "cpu/nanoseconds")
		s.prof.Mapping[0].BuildID = tc.buildID
		s.fn("main.a", tc.starts[0])
		s.fn("main.b", tc.starts[1])
		if tc.symbols {
			s.sample([]int64{1, 10}, s.loc("main.a:12"), s.loc("main.b:13"))
		} else {
			s.sample([]int64{1, 10}, s.loc())
		}
		prof, err := profile.Parse("old.pprof", bytes.NewReader(s.raw(t)))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(prof.Warnings, tc.want) {
			t.Errorf("%s: warnings %q\nwant %q", tc.name, prof.Warnings, tc.want)
		}
	}
	// With no mapping at all there is no build ID to miss, and without
	// start lines an offset is the line itself.
	s := newSynth("cpu/nanoseconds")
	s.prof.Mapping = nil
	s.fn("main.a", 0)
	s.sample([]int64{10}, s.loc("main.a:12"))
	prof, err := profile.Parse("old.pprof", bytes.NewReader(s.raw(t)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(prof.Warnings, []string{noStart}) || !maps.Equal(prof.Func("main.a").LineFlat, map[int]int64{12: 10}) {
		t.Errorf("no mapping: warnings %q, main.a %+v; want only %q, and 10 at line 12", prof.Warnings, *prof.Func("main.a"), noStart)
	}
}

// TestMergeSynthetic merges busy with a profile of one more sample.
func TestMergeSynthetic(t *testing.T) {
	more := newSynth("samples/count", "cpu/nanoseconds")
	more.fn(pollB, 200)
	more.fn(exRun, 30)
	more.sample([]int64{1, 50}, more.loc(pollB+":201"), more.loc(exRun+":35"))
	a, b := busy().file(t), more.file(t)
	prof, err := profile.Load(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if prof.Total != 150 || !slices.Equal(prof.Files, []string{a, b}) {
		t.Errorf("merged: total %d, files %q; want 150 from %q", prof.Total, prof.Files, []string{a, b})
	}
	wantB := map[int]int64{5: 10, 1: 50}
	if f := prof.Func(pollB); f.Flat != 60 || f.Cum != 60 || !maps.Equal(f.LineFlat, wantB) || prof.Rank(pollB) != 4 {
		t.Errorf("merged B.Poll = %+v, rank %d; want 60 flat and cum, %v by line, rank 4", *f, prof.Rank(pollB), wantB)
	}
	want := []profile.Callee{{Name: pollB, Share: 60.0 / 110}, {Name: pollA, Share: 40.0 / 110}, {Name: pollC, Share: 10.0 / 110}}
	if got := prof.Callees(profile.Site{Func: exRun, Offset: 5}); !slices.Equal(got, want) {
		t.Errorf("merged callees at Run+5 = %v\nwant %v", got, want)
	}
}

// TestLoadErrors checks that each way a file can fail is an error naming
// it.
func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := busy()
	cpu := write("cpu.pprof", good.gzipped(t))
	missing := filepath.Join(dir, "missing.pprof")
	garbage := write("notes.txt", []byte("not a profile\n"))
	truncated := write("truncated.pprof", good.gzipped(t)[:200])
	heap := newSynth("alloc_objects/count", "alloc_space/bytes")
	heap.fn("main.a", 1)
	heap.sample([]int64{1, 64}, heap.loc("main.a:2"))
	heapFile := write("heap.pprof", heap.gzipped(t))
	const unreadable = ": not a readable pprof profile (truncated, or another format?): "
	for _, tc := range []struct {
		paths  []string
		prefix string
	}{
		{nil, "no profile given"},
		{[]string{missing}, "reading profile: open " + missing + ": "},
		{[]string{cpu, missing}, "reading profile: open " + missing + ": "},
		{[]string{garbage}, garbage + unreadable},
		{[]string{truncated}, truncated + unreadable},
		{[]string{write("empty.pprof", nil)}, filepath.Join(dir, "empty.pprof") + unreadable},
		{[]string{heapFile}, heapFile + ": not a CPU profile: its samples are alloc_objects/count, alloc_space/bytes, want"},
		{[]string{cpu, heapFile}, "merging " + cpu + ", " + heapFile + ": "},
	} {
		prof, err := profile.Load(tc.paths...)
		if prof != nil || err == nil || !strings.HasPrefix(err.Error(), tc.prefix) {
			t.Errorf("Load(%q) = %v, %v; want an error starting %q", tc.paths, prof, err, tc.prefix)
		}
	}
}
