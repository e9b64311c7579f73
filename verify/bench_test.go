package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	pprof "github.com/google/pprof/profile"

	"github.com/fsmvet/fsmvet/passes/generator"
	"github.com/fsmvet/fsmvet/profile"
)

func TestCheckSteps(t *testing.T) {
	pkgs := []*listedPkg{
		{ImportPath: "m/a", GoFiles: []string{"a.go"}},
		{ImportPath: "m/t", XTestGoFiles: []string{"t_test.go"}}, // tests only: go build rejects it
		{ImportPath: "m/b", GoFiles: []string{"b.go"}, TestGoFiles: []string{"b_test.go"}},
	}
	show := func(steps []step) string {
		var lines []string
		for _, st := range steps {
			lines = append(lines, st.name+": go "+strings.Join(st.args, " "))
		}
		return strings.Join(lines, "\n")
	}
	want := "build: go build -tags=x m/a m/b\n" +
		"vet: go vet -tags=x m/a m/t m/b\n" +
		"test: go test -count=1 -timeout=1m30s -tags=x m/a m/t m/b"
	if got := show(checkSteps(pkgs, []string{"-tags=x"}, 90*time.Second)); got != want {
		t.Errorf("steps:\n%s\nwant:\n%s", got, want)
	}
	want = "vet: go vet m/t\ntest: go test -count=1 -timeout=10m0s m/t"
	if got := show(checkSteps(pkgs[1:2], nil, 10*time.Minute)); got != want {
		t.Errorf("tests only:\n%s\nwant:\n%s", got, want)
	}
}

func TestFailed(t *testing.T) {
	ce := &cmdError{cmd: "go vet m/a", output: "a.go:3:2: unreachable code\n", err: errors.New("exit status 1")}
	failure, err := failed("vet", fmt.Errorf("checking: %w", ce))
	if err != nil || failure == nil || failure.Step != "vet" || failure.Output != "go vet m/a: exit status 1\na.go:3:2: unreachable code" {
		t.Errorf("a failed command: %+v, %v", failure, err)
	}
	for _, stop := range []error{&signalError{syscall.SIGINT}, context.Canceled} {
		if failure, err := failed("test", stop); failure != nil || err != stop {
			t.Errorf("interrupted by %v: %+v, %v; want no failure and the interruption", stop, failure, err)
		}
	}
}

func TestTestBinaryArgs(t *testing.T) {
	for _, tc := range []struct {
		pgo   string
		flags []string
		want  string
	}{
		{"", nil, "test -c -o /w/m_a.test -pgo=off m/a"},
		{"/w/pgo.pprof", []string{"-tags=x"}, "test -c -o /w/m_a.test -pgo=/w/pgo.pprof -tags=x m/a"},
	} {
		if got := strings.Join(testBinaryArgs("m/a", "/w/m_a.test", tc.pgo, tc.flags), " "); got != tc.want {
			t.Errorf("testBinaryArgs(pgo %q, %v) = %s, want %s", tc.pgo, tc.flags, got, tc.want)
		}
	}
}

func TestBenchArgs(t *testing.T) {
	got := benchArgs("^(BenchmarkA)$", "100x", options{cpu: "2", timeout: 90 * time.Second})
	want := []string{"-test.run=^$", "-test.bench=^(BenchmarkA)$", "-test.benchtime=100x", "-test.count=1", "-test.cpu=2", "-test.benchmem", "-test.timeout=1m30s"}
	if !slices.Equal(got, want) {
		t.Errorf("benchArgs = %q, want %q", got, want)
	}
}

func TestBenchmarkNames(t *testing.T) {
	// What an init of the package printed, then what -test.list did.
	list := "starting up\nBenchmarkRun\n  BenchmarkRunAll \n\n"
	if got := benchmarkNames([]byte(list)); !slices.Equal(got, []string{"BenchmarkRun", "BenchmarkRunAll"}) {
		t.Errorf("benchmarkNames = %q", got)
	}
	if got := benchmarkNames(nil); got != nil {
		t.Errorf("no benchmark: %q", got)
	}
}

func TestBenchRegex(t *testing.T) {
	names := []string{"BenchmarkRun", "BenchmarkA.B", "BenchmarkRun2"}
	re := benchRegex(names)
	if want := `^(BenchmarkRun|BenchmarkA\.B|BenchmarkRun2)$`; re != want {
		t.Errorf("benchRegex = %s, want %s", re, want)
	}
	rx := regexp.MustCompile(re)
	for name, want := range map[string]bool{"BenchmarkRun": true, "BenchmarkA.B": true, "BenchmarkRun2": true,
		"BenchmarkRunAll": false, "BenchmarkAxB": false, "XBenchmarkRun": false} {
		if rx.MatchString(name) != want {
			t.Errorf("%s matches %s: %v, want %v", re, name, !want, want)
		}
	}
}

func TestProbeTimes(t *testing.T) {
	for in, want := range map[string]string{"1s": "1s 2s 4s 8s", "300ms": "300ms 600ms 1.2s 2.4s", "100x": "100x 200x 400x 800x"} {
		if got := strings.Join(probeTimes(in), " "); got != want {
			t.Errorf("probeTimes(%s) = %s, want %s", in, got, want)
		}
	}
}

// cpuProfile writes a CPU profile whose samples are the stacks given,
// leaf first, each with its CPU time, and returns its file.
func cpuProfile(t *testing.T, name string, samples map[string]time.Duration) string {
	t.Helper()
	p := &pprof.Profile{
		SampleType: []*pprof.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &pprof.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     int64(10 * time.Millisecond),
	}
	funcs := map[string]*pprof.Location{}
	for _, stack := range slices.Sorted(maps.Keys(samples)) {
		var locs []*pprof.Location
		for _, fn := range strings.Split(stack, " ") {
			if funcs[fn] == nil {
				id := uint64(len(funcs) + 1)
				f := &pprof.Function{ID: id, Name: fn, SystemName: fn, Filename: "m.go", StartLine: 10}
				p.Function = append(p.Function, f)
				funcs[fn] = &pprof.Location{ID: id, Line: []pprof.Line{{Function: f, Line: 12}}}
				p.Location = append(p.Location, funcs[fn])
			}
			locs = append(locs, funcs[fn])
		}
		d := samples[stack]
		p.Sample = append(p.Sample, &pprof.Sample{Location: locs, Value: []int64{int64(d / (10 * time.Millisecond)), int64(d)}})
	}
	file := filepath.Join(t.TempDir(), name)
	var b bytes.Buffer
	if err := p.Write(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func loadProfile(t *testing.T, file string) *profile.Profile {
	t.Helper()
	p, err := profile.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEnoughSamples(t *testing.T) {
	const step = "m.(*Counter).Step"
	for _, tc := range []struct {
		cpu  time.Duration
		want bool
	}{
		{490 * time.Millisecond, false},
		{500 * time.Millisecond, true},
		{2 * time.Second, true},
	} {
		p := loadProfile(t, cpuProfile(t, "cpu.pprof", map[string]time.Duration{step: tc.cpu - 100*time.Millisecond, "m.other": 100 * time.Millisecond}))
		if got := enoughSamples(p); got != tc.want {
			t.Errorf("%v of samples: %v, want %v", tc.cpu, got, tc.want)
		}
	}
	if enoughSamples(nil) {
		t.Errorf("no profile has enough samples")
	}
	// A profile of sample counts, with no CPU time: it says too little.
	counts := &profile.Profile{Unit: "count", Total: 1e9}
	if enoughSamples(counts) {
		t.Errorf("a profile of counts has enough samples")
	}
}

// TestReaches: a benchmark measures a machine when its profile has
// samples in the consumer method; a channel generator, when it has
// samples in the generator, its goroutine or a loop over it; an iter.Pull
// loop, when it has samples at the line calling next (the sites the
// generator analyzer gives, weighed as the report weighs them). The
// profiles' frames are all at line offset 2.
func TestReaches(t *testing.T) {
	machine := &fix{target: machineTarget{consumer: "m.(*Counter).Step"}}
	chanGen := &fix{target: generatorTarget{finding: &generator.Finding{Kind: generator.ChannelGenerator, Name: "words",
		Sites: []profile.Site{{Func: "m.words", Offset: profile.AnyLine}, {Func: "m.words.func1", Offset: profile.AnyLine}, {Func: "m.count", Offset: 2}}}}}
	pull := func(offset int) *fix {
		return &fix{target: generatorTarget{finding: &generator.Finding{Kind: generator.PullLoop, Name: "iter.Pull(seq)",
			Sites: []profile.Site{{Func: "m.sum", Offset: offset}}}}}
	}
	for _, tc := range []struct {
		name    string
		f       *fix
		samples map[string]time.Duration
		want    bool
	}{
		{"machine: flat", machine, map[string]time.Duration{"m.(*Counter).Step m.Run": time.Second}, true},
		{"machine: below it", machine, map[string]time.Duration{"runtime.mallocgc m.(*Counter).Step m.Run": time.Second}, true},
		{"machine: elsewhere", machine, map[string]time.Duration{"m.(*Lamp).Step m.Run": time.Second}, false},
		{"machine: no CPU time", machine, map[string]time.Duration{"m.(*Counter).Step": 0, "m.other": time.Second}, false},
		{"generator: its goroutine", chanGen, map[string]time.Duration{"runtime.chansend1 m.words.func1 runtime.goexit": time.Second}, true},
		{"generator: the loop over it", chanGen, map[string]time.Duration{"runtime.chanrecv2 m.count m.Run": time.Second}, true},
		{"generator: elsewhere", chanGen, map[string]time.Duration{"runtime.chanrecv2 m.other m.Run": time.Second}, false},
		{"iter.Pull: the line calling next", pull(2), map[string]time.Duration{"iter.Pull.func2 m.sum m.Run": time.Second}, true},
		{"iter.Pull: another line", pull(5), map[string]time.Duration{"iter.Pull.func2 m.sum m.Run": time.Second}, false},
		{"iter.Pull: switches no frame names", pull(2), map[string]time.Duration{"runtime.coroswitch_m runtime.mcall": time.Second, "m.other": time.Second}, false},
	} {
		if got := reaches(loadProfile(t, cpuProfile(t, "cpu.pprof", tc.samples)), tc.f); got != tc.want {
			t.Errorf("%s: reaches %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, f := range []*fix{machine, chanGen, pull(2)} {
		if reaches(nil, f) {
			t.Errorf("no profile reaches %T", f.target)
		}
	}
}

func TestMergeProfiles(t *testing.T) {
	const step = "m.(*Counter).Step"
	a := cpuProfile(t, "a.pprof", map[string]time.Duration{step + " m.Run": 300 * time.Millisecond})
	b := cpuProfile(t, "b.pprof", map[string]time.Duration{step + " m.Run": 200 * time.Millisecond, "m.other m.Run": 100 * time.Millisecond})
	out := filepath.Join(t.TempDir(), "pgo.pprof")
	got, err := mergeProfiles([]string{a, b}, out)
	if err != nil || got != out {
		t.Fatalf("mergeProfiles = %q, %v", got, err)
	}
	p := loadProfile(t, out)
	if p.Total != int64(600*time.Millisecond) || p.Func(step).Cum != int64(500*time.Millisecond) || p.Func("m.Run").Cum != p.Total {
		t.Errorf("merged: total %v, Step %v", p.Total, p.Func(step).Cum)
	}

	junk := filepath.Join(t.TempDir(), "junk.pprof")
	if err := os.WriteFile(junk, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	heap := filepath.Join(t.TempDir(), "heap.pprof")
	hp := &pprof.Profile{SampleType: []*pprof.ValueType{{Type: "alloc_space", Unit: "bytes"}}}
	var buf bytes.Buffer
	if err := hp.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(heap, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "none.pprof")
	for _, tc := range []struct {
		files []string
		out   string
		want  string
	}{
		{nil, out, "no profile to merge"},
		{[]string{a, missing}, out, "reading a benchmark's profile: open " + missing + ": no such file or directory"},
		{[]string{junk}, out, junk + ": "},
		{[]string{a, heap}, out, "merging the benchmarks' profiles: "},
		{[]string{a}, filepath.Join(missing, "pgo.pprof"), "writing the PGO profile: open " + filepath.Join(missing, "pgo.pprof") + ": no such file or directory"},
	} {
		if _, err := mergeProfiles(tc.files, tc.out); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("mergeProfiles(%v, %s): %v, want %q", tc.files, tc.out, err, tc.want)
		}
	}
}

func TestIsFixBuild(t *testing.T) {
	for b, want := range map[string]bool{buildOriginal: false, buildPGO: false, buildFix: true, buildFixPGO: true} {
		if isFixBuild(b) != want {
			t.Errorf("isFixBuild(%s) = %v", b, !want)
		}
	}
}

func TestBaseline(t *testing.T) {
	pkgs := []*listedPkg{
		{ImportPath: "m/c", Imports: []string{"m/a"}},
		{ImportPath: "m/a"},
		{ImportPath: "m/b"},
		{ImportPath: "m/d", TestImports: []string{"m/b"}},
		{ImportPath: "m/e"},
	}
	var got []string
	for _, p := range baseline(pkgs, []*fix{{pkgPath: "m/b"}, {pkgPath: "m/a"}, {pkgPath: "m/c"}}) {
		got = append(got, p.ImportPath)
	}
	if strings.Join(got, " ") != "m/a m/b m/c m/d" {
		t.Errorf("baseline: %v, want m/a m/b m/c m/d (each once, in order)", got)
	}
	if got := baseline(pkgs, nil); got != nil {
		t.Errorf("no fix: %v", got)
	}
}
