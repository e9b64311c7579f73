package verify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsmvet/fsmvet/profile"
)

// spin burns CPU in a function of its own, which profiles name: the work
// the probes of TestSelectBenchmarks look for.
//
//go:noinline
func spin(n int) uint64 {
	h := uint64(14695981039346656037)
	for i := range n {
		h = (h ^ uint64(i)) * 1099511628211
	}
	return h
}

var spun uint64

// spinFunc is spin as profiles name it.
const spinFunc = "github.com/fsmvet/fsmvet/verify.spin"

// BenchmarkSpin is a benchmark of this test binary, which the tests below
// run as verify runs the benchmarks of a user's package: a few
// milliseconds of CPU in spin per op. In a copy of the binary named as a
// fix build's, it fails.
func BenchmarkSpin(b *testing.B) {
	if strings.Contains(filepath.Base(os.Args[0]), ".fix") {
		b.Fatal("the fix build's benchmark fails")
	}
	for range b.N {
		spun += spin(5_000_000)
	}
}

// selfVerifier is a verifier whose one package's test binary is this
// test binary, already built.
func selfVerifier(t *testing.T, o options) (*verifier, *listedPkg, *[]string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "probes"), 0o755); err != nil {
		t.Fatal(err)
	}
	pkg := &listedPkg{ImportPath: "example.com/self", Dir: dir, TestGoFiles: []string{"self_test.go"}}
	said := new([]string)
	v := &verifier{s: &scratch{ctx: context.Background(), dir: dir, env: os.Environ()}, opts: o, work: dir,
		progress:   func(format string, args ...any) { *said = append(*said, fmt.Sprintf(format, args...)) },
		origBins:   map[string]string{pkg.ImportPath: os.Args[0]},
		probeFiles: map[string]string{}, probes: map[string]*profile.Profile{}}
	if o.bench != "" {
		v.benchRE = regexp.MustCompile(o.bench)
	}
	return v, pkg, said
}

// TestSelectBenchmarks: without -bench, a benchmark measures a machine
// when its profile has samples in the machine's method, a probe with too
// few samples runs again for longer, each benchmark is probed once for
// every finding, and the PGO profile merges the probes.
func TestSelectBenchmarks(t *testing.T) {
	v, pkg, said := selfVerifier(t, options{profiletime: "5x", cpu: "1", timeout: time.Minute})
	f := &fix{name: "S.f", target: machineTarget{consumer: spinFunc}}
	bench, probes, err := v.selectBenchmarks(f, []*listedPkg{pkg})
	if err != nil {
		t.Fatal(err)
	}
	if len(bench) != 1 || !slices.Equal(bench[0].names, []string{"BenchmarkSpin"}) || bench[0].regex != "^(BenchmarkSpin)$" ||
		bench[0].pkg != pkg || bench[0].bins[buildOriginal] != os.Args[0] {
		t.Fatalf("benchmarks %+v", bench)
	}
	probe := filepath.Join(v.work, "probes", "0.pprof")
	if !slices.Equal(probes, []string{probe}) {
		t.Errorf("probes %v, want %s", probes, probe)
	}
	// 5 ops of spin hold far fewer samples than minProbeCPU: the probe
	// ran again for 10, 20 and 40, and its profile is the last run's.
	if p := loadProfile(t, probe); p.Total < int64(100*time.Millisecond) || p.Func(spinFunc) == nil {
		t.Errorf("the probe's profile: %v of samples, spin %v; want the last, longest run's", time.Duration(p.Total), p.Func(spinFunc))
	}

	// Another machine: the benchmark is not probed again, and does not
	// reach it.
	g := &fix{name: "T.g", target: machineTarget{consumer: "github.com/fsmvet/fsmvet/verify.nowhere"}}
	if bench, probes, err := v.selectBenchmarks(g, []*listedPkg{pkg}); err != nil || len(bench) != 0 || len(probes) != 0 {
		t.Errorf("a machine no benchmark reaches: %+v, %v, %v", bench, probes, err)
	}
	if want := []string{"profiling BenchmarkSpin in example.com/self"}; !slices.Equal(*said, want) {
		t.Errorf("progress %q, want %q", *said, want)
	}

	dir := t.TempDir()
	pgo, source, err := v.pgoProfile(dir, bench, probes)
	if err != nil || pgo != filepath.Join(dir, "pgo.pprof") || source != "collected: the original's run of the benchmarks for 5x each" {
		t.Fatalf("pgoProfile: %s, %q, %v", pgo, source, err)
	}
	if p := loadProfile(t, pgo); p.Func(spinFunc) == nil || p.Total != loadProfile(t, probe).Total {
		t.Errorf("the PGO profile is not the probe's")
	}
}

// TestSelectBenchmarksBench: with -bench, the packages with a benchmark
// it matches, and a PGO profile from one run of them.
func TestSelectBenchmarksBench(t *testing.T) {
	v, pkg, said := selfVerifier(t, options{bench: "Spin", profiletime: "40x", cpu: "1", timeout: time.Minute})
	f := &fix{name: "S.f", target: machineTarget{consumer: spinFunc}}
	bench, probes, err := v.selectBenchmarks(f, []*listedPkg{pkg})
	if err != nil || len(bench) != 1 || bench[0].regex != "Spin" || bench[0].names != nil || probes != nil {
		t.Fatalf("-bench Spin: %+v, %v, %v", bench, probes, err)
	}
	dir := t.TempDir()
	pgo, source, err := v.pgoProfile(dir, bench, nil)
	if err != nil || pgo != filepath.Join(dir, "pgo.pprof") || source != "collected: the original's run of the benchmarks for 40x each" {
		t.Fatalf("pgoProfile: %s, %q, %v", pgo, source, err)
	}
	p := loadProfile(t, pgo)
	if run := loadProfile(t, filepath.Join(dir, "profile-0.pprof")); p.Func(spinFunc) == nil || p.Total != run.Total {
		t.Errorf("the PGO profile is not the run's")
	}
	if want := []string{"profiling Spin in example.com/self for PGO"}; !slices.Equal(*said, want) {
		t.Errorf("progress %q, want %q", *said, want)
	}

	v.benchRE = regexp.MustCompile("Nothing")
	if bench, _, err := v.selectBenchmarks(f, []*listedPkg{pkg}); err != nil || len(bench) != 0 {
		t.Errorf("-bench matching nothing: %+v, %v", bench, err)
	}
	// A package without tests has no test binary to list.
	v.benchRE = regexp.MustCompile("Spin")
	if bench, _, err := v.selectBenchmarks(f, []*listedPkg{{ImportPath: "example.com/none"}}); err != nil || len(bench) != 0 {
		t.Errorf("a package without tests: %+v, %v", bench, err)
	}

	// -profile: the file the user named, absolute (the builds run in the
	// copy), named as given.
	v.opts.profile = "cpu.pprof"
	wd, _ := os.Getwd()
	if pgo, source, err := v.pgoProfile(dir, bench, nil); err != nil || pgo != filepath.Join(wd, "cpu.pprof") || source != "given: cpu.pprof" {
		t.Errorf("-profile cpu.pprof: %s, %q, %v", pgo, source, err)
	}
}

// TestRoundsFailure: a fix build whose benchmark fails makes the fix
// unsafe, with the benchmark's output, after the builds before it in the
// round ran; an original build whose benchmark fails is an error.
func TestRoundsFailure(t *testing.T) {
	v, pkg, said := selfVerifier(t, options{count: 6, benchtime: "1x", cpu: "1", timeout: time.Minute})
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	fixed := filepath.Join(t.TempDir(), "self.fix.test")
	if err := os.WriteFile(fixed, data, 0o755); err != nil {
		t.Fatal(err)
	}
	bp := &benchPkg{pkg: pkg, regex: "^BenchmarkSpin$",
		bins: map[string]string{buildOriginal: os.Args[0], buildPGO: os.Args[0], buildFix: fixed, buildFixPGO: fixed}}
	dir := t.TempDir()
	outs, failure, err := v.rounds("S.f", dir, []*benchPkg{bp})
	if err != nil || outs != nil || failure == nil || failure.Step != "benchmark (fix)" || !strings.Contains(failure.Output, "the fix build's benchmark fails") {
		t.Fatalf("rounds: %v, %+v, %v", outs, failure, err)
	}
	if want := []string{"S.f: round 1 of 6"}; !slices.Equal(*said, want) {
		t.Errorf("progress %q, want %q", *said, want)
	}
	for _, build := range []string{"original", "pgo"} {
		if vs := keptValues(t, filepath.Join(dir, "example.com_self."+build+".txt"), "Spin", "sec/op"); len(vs) != 1 {
			t.Errorf("%s: %d results kept, want round 1's", build, len(vs))
		}
	}

	bp.bins[buildOriginal] = fixed
	_, failure, err = v.rounds("S.f", t.TempDir(), []*benchPkg{bp})
	if failure != nil || err == nil || !strings.HasPrefix(err.Error(), "benchmarking original in example.com/self: ") {
		t.Errorf("the original's benchmark fails: %+v, %v", failure, err)
	}
}

func TestBuildProfile(t *testing.T) {
	for build, want := range map[string]string{buildOriginal: "", buildPGO: "p.pprof", buildFix: "", buildFixPGO: "p.pprof"} {
		if got := buildProfile(build, "p.pprof"); got != want {
			t.Errorf("buildProfile(%s) = %q, want %q", build, got, want)
		}
	}
}
