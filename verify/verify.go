package verify

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/fsmvet/fsmvet/internal/cli"
	"github.com/fsmvet/fsmvet/profile"
)

// A Result is what verify measured. Its JSON form is documented in
// docs/verify.md and kept stable.
type Result struct {
	Machine  Machine   `json:"machine"`
	Holds    string    `json:"holds"` // the scope of every verdict: this machine only
	Settings Settings  `json:"settings"`
	PGO      string    `json:"pgo"`               // where the PGO profile comes from
	Scratch  string    `json:"scratch,omitempty"` // with -keep: the kept copy
	Findings []Finding `json:"findings"`
	Applied  []string  `json:"applied,omitempty"`  // with -apply: the files written
	LeftOut  []string  `json:"left_out,omitempty"` // with -apply: findings whose fix overlaps one applied ("Name at posn"): run again
}

// Settings are the measurement's parameters.
type Settings struct {
	Count       int     `json:"count"`
	Benchtime   string  `json:"benchtime"`
	CPU         string  `json:"cpu"`
	Bench       string  `json:"bench,omitempty"`
	ProfileTime string  `json:"profiletime"`
	Alpha       float64 `json:"alpha"`
	Confidence  float64 `json:"confidence"`
}

// A Finding is one state machine or generator with a fix, and its
// verdict.
type Finding struct {
	Name       string      `json:"name"` // Struct.field; the generator; iter.Pull(seq)
	Posn       string      `json:"posn"` // the consumer switch; the generator's name; the iter.Pull call
	Package    string      `json:"package"`
	Kind       string      `json:"kind"`                 // KindStateMachine, "channel generator" or "iter.Pull loop"
	States     int         `json:"states,omitempty"`     // state machines (two at least)
	ReachedBy  []string    `json:"reached_by,omitempty"` // poll loops that may call it
	Tested     []string    `json:"tested"`               // packages built, vetted and tested with the fix
	Verdict    string      `json:"verdict"`
	Why        string      `json:"why"`
	Failure    *Failure    `json:"failure,omitempty"` // unsafe: what failed
	PGOProfile string      `json:"pgo_profile,omitempty"`
	Benchmarks []Benchmark `json:"benchmarks,omitempty"`
	Shape      string      `json:"shape,omitempty"` // no benchmark: one that would reach it
	Dir        string      `json:"dir,omitempty"`   // with -keep: its binaries and outputs
	Diff       string      `json:"diff"`

	fix *fix // what -apply writes
}

// A Failure is the step of a fix's check that failed, with its output.
type Failure struct {
	Step   string `json:"step"` // "apply", "build", "vet", "test", "benchmark (fix)", ...
	Output string `json:"output"`
}

// A Benchmark is one benchmark's measurements in the four builds.
type Benchmark struct {
	Package     string       `json:"package"`
	Name        string       `json:"name"`
	Rounds      int          `json:"rounds"`
	Builds      []BuildStats `json:"builds"`
	Comparisons []Comparison `json:"comparisons"`
}

// BuildStats are a build's medians with their intervals, by unit.
type BuildStats struct {
	Build string              `json:"build"`
	Stats map[string]Interval `json:"stats"`
}

// options are verify's flags.
type options struct {
	profile, bench, benchtime, profiletime, cpu, tags string
	count                                             int
	timeout                                           time.Duration
	keep                                              bool
}

// A verifier verifies the fixes of one module in its scratch copy.
type verifier struct {
	s        *scratch
	opts     options
	benchRE  *regexp.Regexp
	pkgs     []*listedPkg
	work     string // where binaries, profiles and outputs go, in the copy
	progress func(format string, args ...any)

	origBins   map[string]string // import path -> the original's test binary
	probeFiles map[string]string // "pkg bench" -> its profile on the original
	probes     map[string]*profile.Profile
}

func (v *verifier) buildFlags() []string { return cli.BuildFlags(v.opts.tags) }

// A step is one go command that checks packages: build, vet or test.
type step struct {
	name string
	args []string
}

// checkSteps are the go commands that check packages, in order. Only
// packages with non-test files are built (go build rejects the others;
// go vet and go test compile them), and build is left out when none has.
func checkSteps(pkgs []*listedPkg, flags []string, timeout time.Duration) []step {
	var built []string
	for _, p := range pkgs {
		if len(p.GoFiles) > 0 {
			built = append(built, p.ImportPath)
		}
	}
	var steps []step
	if len(built) > 0 {
		steps = append(steps, step{"build", slices.Concat([]string{"build"}, flags, built)})
	}
	return append(steps,
		step{"vet", slices.Concat([]string{"vet"}, flags, paths(pkgs))},
		step{"test", slices.Concat([]string{"test", "-count=1", "-timeout=" + timeout.String()}, flags, paths(pkgs))})
}

// checkAll builds, vets and tests packages, and returns the first step
// that fails, nil if none does.
func (v *verifier) checkAll(pkgs []*listedPkg) (*Failure, error) {
	for _, st := range checkSteps(pkgs, v.buildFlags(), v.opts.timeout) {
		if _, err := v.s.goCmd(st.args...); err != nil {
			return failed(st.name, err)
		}
	}
	return nil, nil
}

// failed is a step's failure, with what the command printed; an
// interruption is no failure but the run's error.
func failed(step string, err error) (*Failure, error) {
	if interrupted(err) {
		return nil, err
	}
	return &Failure{Step: step, Output: errorOutput(err)}, nil
}

// interrupted reports whether an error is the run's interruption.
func interrupted(err error) bool {
	var sig *signalError
	return errors.As(err, &sig) || errors.Is(err, context.Canceled)
}

// errorOutput is what a failed command printed, or the error itself.
func errorOutput(err error) string {
	var ce *cmdError
	if errors.As(err, &ce) {
		return ce.cmd + ": " + ce.err.Error() + "\n" + strings.TrimRight(ce.output, "\n")
	}
	return err.Error()
}

func paths(pkgs []*listedPkg) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, p.ImportPath)
	}
	return out
}

// verify checks and measures one fix; i numbers its directory.
func (v *verifier) verify(i int, f *fix) (Finding, error) {
	aff := affected(v.pkgs, f.pkgPath)
	fd := Finding{Name: f.name, Posn: f.posn, Package: f.pkgPath, Kind: f.kind, States: f.states, ReachedBy: f.reachedBy,
		Tested: paths(aff), Diff: f.diff, fix: f}
	if f.err != nil {
		return unsafe(fd, &Failure{Step: "apply", Output: f.err.Error()}), nil
	}
	v.progress("%s: building, vetting and testing with the fix", f.name)
	failure, err := v.withFix(f, func() (*Failure, error) { return v.checkAll(aff) })
	if err != nil || failure != nil {
		return unsafe(fd, failure), err
	}
	bench, probes, err := v.selectBenchmarks(f, aff)
	if err != nil {
		return fd, err
	}
	if len(bench) == 0 {
		fd.Verdict, fd.Why = VerdictUnmeasured, v.noBenchmark(f, aff)
		fd.Shape = f.target.shape()
		return fd, nil
	}
	dir := filepath.Join(v.work, dirName(i, f.name))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fd, fmt.Errorf("making the directory of %s: %w", f.name, err)
	}
	if v.opts.keep {
		fd.Dir = dir
	}
	pgo, source, err := v.pgoProfile(dir, bench, probes)
	if err != nil {
		return fd, err
	}
	fd.PGOProfile = source
	if failure, err := v.buildAll(f, dir, pgo, bench); err != nil || failure != nil {
		return unsafe(fd, failure), err
	}
	outs, failure, err := v.rounds(f.name, dir, bench)
	if err != nil || failure != nil {
		return unsafe(fd, failure), err
	}
	results, order, err := parseOutputs(outs)
	if err != nil {
		return fd, err
	}
	for _, key := range order {
		b, err := measure(key[0], key[1], results[key])
		if err != nil {
			return fd, err
		}
		fd.Benchmarks = append(fd.Benchmarks, b)
	}
	fd.Verdict, fd.Why = verdict(fd.Benchmarks)
	return fd, nil
}

// unsafe gives a finding whose fix failed its verdict.
func unsafe(fd Finding, failure *Failure) Finding {
	if failure == nil {
		return fd
	}
	fd.Verdict, fd.Failure = VerdictUnsafe, failure
	fd.Why = "with the fix, " + failure.Step + " fails (its output follows); the original passes"
	return fd
}

// withFix runs do with the fix written into the copy, and puts the
// original files back whatever happens.
func (v *verifier) withFix(f *fix, do func() (*Failure, error)) (*Failure, error) {
	if err := f.apply(); err != nil {
		return nil, err
	}
	failure, err := do()
	if rerr := f.restore(); rerr != nil && err == nil {
		err = rerr
	}
	return failure, err
}

// buildAll builds the test binaries of every benchmark package: the
// original with PGO, then, with the fix written, the fix without and
// with PGO.
func (v *verifier) buildAll(f *fix, dir, pgo string, bench []*benchPkg) (*Failure, error) {
	build := func(bp *benchPkg, build string) error {
		bp.bins[build] = filepath.Join(dir, strings.ReplaceAll(bp.pkg.ImportPath, "/", "_")+"."+slug(build)+".test")
		return v.testBinary(bp.pkg, bp.bins[build], buildProfile(build, pgo))
	}
	for _, bp := range bench {
		v.progress("%s: building %s with PGO", f.name, bp.pkg.ImportPath)
		if err := build(bp, buildPGO); err != nil {
			return nil, err
		}
	}
	return v.withFix(f, func() (*Failure, error) {
		for _, bp := range bench {
			for _, b := range []string{buildFix, buildFixPGO} {
				v.progress("%s: building %s (%s)", f.name, bp.pkg.ImportPath, b)
				if err := build(bp, b); err != nil {
					// The fix passed go test: only the compiler, with
					// PGO, can fail it here.
					return failed("build ("+b+")", err)
				}
			}
		}
		return nil, nil
	})
}

// buildProfile is the PGO profile a build is made with: pgo for the PGO
// builds, none for the others.
func buildProfile(build, pgo string) string {
	if build == buildPGO || build == buildFixPGO {
		return pgo
	}
	return ""
}

// noBenchmark says why a safe finding has no measurement, naming where
// the benchmarks' profiles had no samples.
func (v *verifier) noBenchmark(f *fix, aff []*listedPkg) string {
	if v.opts.bench != "" {
		return fmt.Sprintf("safe (build, vet and tests pass with the fix), but -bench %s matches no benchmark in %s", v.opts.bench, strings.Join(paths(aff), ", "))
	}
	return fmt.Sprintf("safe (build, vet and tests pass with the fix), but no benchmark of %s has samples in %s; a benchmark of the shape below would measure it", strings.Join(paths(aff), ", "), f.target.lookedFor())
}

// dirName names the directory of the binaries and outputs of finding i
// (from 0): its number (from 1) and its name, every run of characters
// other than letters, digits and _ a "-", so that no name makes an odd
// path (i=1, Lexer.state: 2-Lexer-state; i=2,
// iter.Pull(slices.Values(xs)): 3-iter-Pull-slices-Values-xs).
func dirName(i int, name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' })
	return strings.Join(append([]string{strconv.Itoa(i + 1)}, words...), "-")
}
