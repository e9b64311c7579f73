package verify

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/perf/benchfmt"

	"github.com/fsmvet/fsmvet/profile"
)

// The builds each finding is measured in, in the order of an even round.
const (
	buildOriginal = "original"
	buildPGO      = "PGO"
	buildFix      = "fix"
	buildFixPGO   = "fix+PGO"
)

// builds returns the four builds in the order round r runs them: even
// rounds forwards, odd rounds backwards, so that no build always runs
// first (on a cold cache) or last (on a machine warmed up, or throttled).
func builds(r int) []string {
	bs := []string{buildOriginal, buildPGO, buildFix, buildFixPGO}
	if r%2 == 1 {
		slices.Reverse(bs)
	}
	return bs
}

// isFixBuild reports whether a build holds the fix: a failure there is
// the fix's.
func isFixBuild(b string) bool { return b == buildFix || b == buildFixPGO }

// slug names a build in file names.
func slug(b string) string { return strings.ToLower(strings.ReplaceAll(b, "+", "-")) }

// A benchPkg is a package whose benchmarks measure a finding.
type benchPkg struct {
	pkg   *listedPkg
	regex string            // -test.bench
	names []string          // the benchmarks selected, when verify chose them
	bins  map[string]string // build -> test binary
}

// testBinary builds the test binary of a package into out, with PGO from
// the profile pgo ("" for none).
func (v *verifier) testBinary(pkg *listedPkg, out, pgo string) error {
	if _, err := v.s.goCmd(testBinaryArgs(pkg.ImportPath, out, pgo, v.buildFlags())...); err != nil {
		return fmt.Errorf("building the test binary of %s: %w", pkg.ImportPath, err)
	}
	return nil
}

// testBinaryArgs are the go command's arguments that build the test
// binary of a package into out, with PGO from the profile pgo, or with
// PGO off ("" for pgo): never the default.pgo of a main package, which
// would make the "without PGO" builds use one.
func testBinaryArgs(pkgPath, out, pgo string, flags []string) []string {
	mode := "-pgo=off"
	if pgo != "" {
		mode = "-pgo=" + pgo
	}
	return slices.Concat([]string{"test", "-c", "-o", out, mode}, flags, []string{pkgPath})
}

// originalBinary returns the original's test binary of a package without
// PGO, built once for every finding.
func (v *verifier) originalBinary(pkg *listedPkg) (string, error) {
	if bin, ok := v.origBins[pkg.ImportPath]; ok {
		return bin, nil
	}
	bin := filepath.Join(v.work, "original", strings.ReplaceAll(pkg.ImportPath, "/", "_")+".test")
	v.progress("building the original test binary of %s", pkg.ImportPath)
	if err := v.testBinary(pkg, bin, ""); err != nil {
		return "", err
	}
	v.origBins[pkg.ImportPath] = bin
	return bin, nil
}

// benchArgs are the arguments of one benchmark run of a test binary: no
// test, one run of the benchmarks regex matches, at -cpu, with their
// allocations.
func benchArgs(regex, benchtime string, o options) []string {
	return []string{"-test.run=^$", "-test.bench=" + regex, "-test.benchtime=" + benchtime,
		"-test.count=1", "-test.cpu=" + o.cpu, "-test.benchmem", "-test.timeout=" + o.timeout.String()}
}

// listBenchmarks returns the top-level benchmarks of a test binary.
func (v *verifier) listBenchmarks(pkg *listedPkg, bin string) ([]string, error) {
	out, err := v.s.run(pkg.Dir, bin, "-test.list=^Benchmark")
	if err != nil {
		return nil, fmt.Errorf("listing the benchmarks of %s: %w", pkg.ImportPath, err)
	}
	return benchmarkNames(out), nil
}

// benchmarkNames reads the benchmarks in the output of -test.list, which
// also holds whatever the package prints itself (an init writing to
// standard output).
func benchmarkNames(list []byte) []string {
	var names []string
	for line := range strings.Lines(string(list)) {
		if name := strings.TrimSpace(line); strings.HasPrefix(name, "Benchmark") {
			names = append(names, name)
		}
	}
	return names
}

// probe runs one benchmark of the original for -profiletime under the CPU
// profiler, once for every finding, and returns its profile file and the
// profile (nil when it holds no sample).
func (v *verifier) probe(pkg *listedPkg, bin, name string) (string, *profile.Profile, error) {
	key := pkg.ImportPath + " " + name
	if file, ok := v.probeFiles[key]; ok {
		return file, v.probes[key], nil
	}
	file := filepath.Join(v.work, "probes", fmt.Sprintf("%d.pprof", len(v.probeFiles)))
	v.progress("profiling %s in %s", name, pkg.ImportPath)
	var prof *profile.Profile
	for _, benchtime := range probeTimes(v.opts.profiletime) {
		args := append(benchArgs("^"+regexp.QuoteMeta(name)+"$", benchtime, v.opts), "-test.cpuprofile="+file)
		if _, err := v.s.run(pkg.Dir, bin, args...); err != nil {
			return "", nil, fmt.Errorf("profiling %s of %s: %w", name, pkg.ImportPath, err)
		}
		var err error
		if prof, err = profile.Load(file); err != nil {
			prof = nil // no sample in so short a run
		}
		if enoughSamples(prof) {
			break
		}
	}
	v.probeFiles[key], v.probes[key] = file, prof
	return file, prof, nil
}

// probeTimes are the -benchtimes a probe runs for until its profile has
// enough samples: a loaded machine gives a benchmark less CPU than its
// wall time, and a probe with few samples can miss a short method, so a
// probe with too few runs again for twice as long, up to 8 times as long.
func probeTimes(profiletime string) []string {
	times := []string{profiletime}
	for len(times) < 4 {
		times = append(times, twice(times[len(times)-1]))
	}
	return times
}

// enoughSamples reports whether a probe's CPU profile has samples worth
// minProbeCPU.
func enoughSamples(prof *profile.Profile) bool {
	return prof != nil && prof.Unit == "nanoseconds" && prof.Total >= int64(minProbeCPU)
}

// minProbeCPU is the CPU time a probe's samples must add up to: 50
// samples at the profiler's 100 Hz.
const minProbeCPU = 500 * time.Millisecond

// twice doubles a -benchtime: a duration, or a count of iterations (Nx).
func twice(benchtime string) string {
	if n, ok := strings.CutSuffix(benchtime, "x"); ok {
		if i, err := strconv.Atoi(n); err == nil {
			return strconv.Itoa(2*i) + "x"
		}
	}
	if d, err := time.ParseDuration(benchtime); err == nil {
		return (2 * d).String()
	}
	return benchtime
}

// reaches reports whether a benchmark's profile has samples in what the
// fix rewrites (its target): a profile lists only the functions its
// samples are in.
func reaches(prof *profile.Profile, f *fix) bool {
	return prof != nil && f.target.reachedIn(prof)
}

// selectBenchmarks picks what measures a finding among the packages with
// tests that a change to it affects: with -bench, that regular expression
// in each of them; without, the benchmarks whose own profile on the
// original has samples in what the fix rewrites. It also returns the
// profiles of the benchmarks chosen without -bench.
func (v *verifier) selectBenchmarks(f *fix, pkgs []*listedPkg) ([]*benchPkg, []string, error) {
	var out []*benchPkg
	var profiles []string
	for _, pkg := range pkgs {
		if !pkg.hasTests() {
			continue
		}
		bin, err := v.originalBinary(pkg)
		if err != nil {
			return nil, nil, err
		}
		names, err := v.listBenchmarks(pkg, bin)
		if err != nil {
			return nil, nil, err
		}
		bp := &benchPkg{pkg: pkg, bins: map[string]string{buildOriginal: bin}}
		if v.opts.bench != "" {
			if slices.ContainsFunc(names, v.benchRE.MatchString) {
				bp.regex = v.opts.bench
				out = append(out, bp)
			}
			continue
		}
		for _, name := range names {
			file, prof, err := v.probe(pkg, bin, name)
			if err != nil {
				return nil, nil, err
			}
			if reaches(prof, f) {
				bp.names = append(bp.names, name)
				profiles = append(profiles, file)
			}
		}
		if len(bp.names) > 0 {
			bp.regex = benchRegex(bp.names)
			out = append(out, bp)
		}
	}
	return out, profiles, nil
}

// benchRegex is the -test.bench expression that runs exactly the named
// top-level benchmarks.
func benchRegex(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	return "^(" + strings.Join(quoted, "|") + ")$"
}

// pgoProfile returns the profile the PGO builds of a finding use and says
// where it comes from: -profile when given; else the merged profiles of
// the original's runs of the finding's benchmarks (the probes, or with
// -bench a run for -profiletime of each package's benchmarks).
func (v *verifier) pgoProfile(dir string, bench []*benchPkg, probes []string) (string, string, error) {
	if v.opts.profile != "" {
		// The go command builds in the copy: a relative path would name
		// another file there, or none.
		abs, err := filepath.Abs(v.opts.profile)
		return abs, "given: " + v.opts.profile, err
	}
	if v.opts.bench != "" {
		probes = nil
		for i, bp := range bench {
			file := filepath.Join(dir, fmt.Sprintf("profile-%d.pprof", i))
			v.progress("profiling %s in %s for PGO", bp.regex, bp.pkg.ImportPath)
			args := append(benchArgs(bp.regex, v.opts.profiletime, v.opts), "-test.cpuprofile="+file)
			if _, err := v.s.run(bp.pkg.Dir, bp.bins[buildOriginal], args...); err != nil {
				return "", "", fmt.Errorf("profiling %s for PGO: %w", bp.pkg.ImportPath, err)
			}
			probes = append(probes, file)
		}
	}
	merged, err := mergeProfiles(probes, filepath.Join(dir, "pgo.pprof"))
	if err != nil {
		return "", "", err
	}
	return merged, fmt.Sprintf("collected: the original's run of the benchmarks for %s each", v.opts.profiletime), nil
}

// run is one benchmark run's output, to be parsed.
type benchOutput struct {
	pkg, build string
	out        []byte
}

// timeLeft estimates, after done of count rounds took elapsed, how long
// the rest will take; nothing before the first round ends.
func timeLeft(elapsed time.Duration, done, count int) string {
	if done == 0 {
		return ""
	}
	left := elapsed / time.Duration(done) * time.Duration(count-done)
	return fmt.Sprintf(", about %s left", left.Round(time.Second))
}

// rounds runs every build of every package -count times, interleaved,
// and returns the outputs, which it also keeps in dir (one file per
// package and build, rounds in order). A fix build that fails is the
// fix's failure, returned apart from errors.
func (v *verifier) rounds(name, dir string, bench []*benchPkg) ([]benchOutput, *Failure, error) {
	var outs []benchOutput
	start := time.Now()
	for r := range v.opts.count {
		v.progress("%s: round %d of %d%s", name, r+1, v.opts.count, timeLeft(time.Since(start), r, v.opts.count))
		for _, b := range builds(r) {
			for _, bp := range bench {
				out, err := v.s.run(bp.pkg.Dir, bp.bins[b], benchArgs(bp.regex, v.opts.benchtime, v.opts)...)
				if err != nil && isFixBuild(b) {
					failure, err := failed("benchmark ("+b+")", err)
					return nil, failure, err
				}
				if err != nil {
					return nil, nil, fmt.Errorf("benchmarking %s in %s: %w", b, bp.pkg.ImportPath, err)
				}
				outs = append(outs, benchOutput{pkg: bp.pkg.ImportPath, build: b, out: out})
				if err := appendFile(outputFile(dir, bp, b), out); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	return outs, nil, nil
}

// outputFile is where the outputs of one package's build are kept.
func outputFile(dir string, bp *benchPkg, build string) string {
	return filepath.Join(dir, strings.ReplaceAll(bp.pkg.ImportPath, "/", "_")+"."+slug(build)+".txt")
}

func appendFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("keeping benchmark output: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("keeping benchmark output: %w", err)
	}
	return f.Close()
}

// units are the measurements verify compares, as benchfmt names them.
func units() []string { return []string{"sec/op", "B/op", "allocs/op"} }

// A series is a benchmark's measurements in one build: per unit, one
// value per round, in round order.
type series map[string][]float64

// parseOutputs sorts the runs' results by package, benchmark and build,
// and returns the benchmarks (package, name) in the order they ran.
func parseOutputs(outs []benchOutput) (map[[2]string]map[string]series, [][2]string, error) {
	results := map[[2]string]map[string]series{}
	var order [][2]string
	for _, o := range outs {
		rd := benchfmt.NewReader(bytes.NewReader(o.out), o.pkg+" "+o.build)
		for rd.Scan() {
			res, ok := rd.Result().(*benchfmt.Result)
			if !ok {
				continue
			}
			key := [2]string{o.pkg, res.Name.String()}
			if results[key] == nil {
				results[key] = map[string]series{}
				order = append(order, key)
			}
			if results[key][o.build] == nil {
				results[key][o.build] = series{}
			}
			for _, u := range units() {
				if val, ok := res.Value(u); ok {
					results[key][o.build][u] = append(results[key][o.build][u], val)
				}
			}
		}
		if err := rd.Err(); err != nil {
			return nil, nil, fmt.Errorf("reading the benchmark output of %s (%s): %w", o.pkg, o.build, err)
		}
	}
	return results, order, nil
}
