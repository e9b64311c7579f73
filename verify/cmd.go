// Package verify implements 'fsmvet verify': it applies each fix fsmvet
// offers, alone, to a scratch copy of the module, checks that the module
// still builds, vets and passes its tests, and measures the fix against
// the original, with and without PGO, on this machine. Its verdicts are
// measured, and hold for the machine they were measured on only.
package verify

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/fsmvet/fsmvet/internal/cli"
	"github.com/fsmvet/fsmvet/internal/govet"
	"github.com/fsmvet/fsmvet/profile"
	"github.com/fsmvet/fsmvet/program"
)

const usage = `usage: fsmvet verify [-profile cpu.pprof] [-bench regexp] [-count n] [-benchtime d]
       [-timeout d] [-format text|json|html] [-o file] [-apply] [-keep] packages...

Applies each fix fsmvet offers in the packages, one at a time, to a scratch
copy of the module (the tree is never written, unless -apply), builds,
vets and tests the changed package and every package of the module that
imports it, then benchmarks the original and the fix, each without and
with PGO, in interleaved rounds, and compares them as benchstat does. Each
finding gets a verdict — rewrite, use PGO, rewrite + PGO, neither, unsafe,
or no benchmark — that names the numbers it rests on and holds for this
machine only. The JSON form is described in docs/verify.md.

Exit status: 0 done, 1 an error, 2 bad usage, 130 interrupted (SIGINT),
143 terminated (SIGTERM).
`

// Main runs 'fsmvet verify' with args and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fsmvet verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	printUsage := func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	var o options
	fs.StringVar(&o.profile, "profile", "", "the CPU profile the PGO builds use (default: one taken from the original's benchmarks)")
	fs.StringVar(&o.bench, "bench", "", "the benchmarks to run, as go test -bench (default: those whose profile reaches what the fix rewrites)")
	fs.IntVar(&o.count, "count", 10, "rounds: each build runs each benchmark this many times, interleaved (at least 6)")
	fs.StringVar(&o.benchtime, "benchtime", "1s", "as go test -benchtime, for each run")
	fs.StringVar(&o.profiletime, "profiletime", "1s", "as -benchtime, for the runs that take profiles (to choose benchmarks and for PGO)")
	fs.StringVar(&o.cpu, "cpu", "1", "as go test -cpu (one value): GOMAXPROCS of the benchmarks")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Minute, "as go test -timeout, for each test and benchmark binary")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags, as go vet -tags")
	format := fs.String("format", "text", "text, json or html")
	out := fs.String("o", "", "write to this file instead of standard output")
	apply := fs.Bool("apply", false, "write the fixes whose verdict is rewrite or rewrite + PGO to the tree")
	fs.BoolVar(&o.keep, "keep", false, "keep the scratch copy, with its binaries, profiles and benchmark outputs")
	if exit, ok := cli.ParseFlags(fs, args, printUsage, "fsmvet help verify"); !ok {
		return exit
	}
	if fs.NArg() == 0 {
		printUsage()
		return 2
	}
	if msg := badUsage(o, *format); msg != "" {
		return cli.BadUsage(stderr, "fsmvet verify", "fsmvet help verify", msg)
	}

	if err := checkInputs(o, *out); err != nil {
		fmt.Fprintf(stderr, "fsmvet verify: %v\n", err)
		return 1
	}

	ctx, stop := withSignals()
	defer stop()
	progress := func(string, ...any) {}
	if *format != "json" && isTerminal(stderr) {
		progress = func(format string, args ...any) { fmt.Fprintf(stderr, "verify: "+format+"\n", args...) }
	}
	res, err := run(ctx, o, fs.Args(), progress, stderr)
	if err != nil {
		if code, ok := signalExit(err); ok {
			fmt.Fprintf(stderr, "fsmvet verify: %v: stopped; the tree is unchanged\n", err)
			return code
		}
		fmt.Fprintf(stderr, "fsmvet verify: %v\n", err)
		return 1
	}
	if err := output(res, *apply, *format, *out, stdout); err != nil {
		fmt.Fprintf(stderr, "fsmvet verify: %v\n", err)
		return 1
	}
	return 0
}

// output writes to the tree, with -apply, the fixes whose verdict is
// rewrite or rewrite + PGO, then writes the result in the format.
func output(res *Result, apply bool, format, out string, stdout io.Writer) error {
	if apply {
		var err error
		if res.Applied, res.LeftOut, err = applyFindings(res.Findings); err != nil {
			return fmt.Errorf("-apply: %w", err)
		}
	}
	return write(res, format, out, stdout)
}

// badUsage checks the flags that parse but make no sense, and says why.
func badUsage(o options, format string) string {
	switch {
	case format != "text" && format != "json" && format != "html":
		return fmt.Sprintf("-format=%s: want text, json or html", format)
	case o.count < 6:
		return fmt.Sprintf("-count=%d: a 95%% interval of a median needs 6 rounds or more", o.count)
	case o.bench != "" && !validRegexp(o.bench):
		return fmt.Sprintf("-bench=%s: not a regular expression", o.bench)
	case strings.Contains(o.cpu, ","):
		return fmt.Sprintf("-cpu=%s: one value: every build is measured at one GOMAXPROCS", o.cpu)
	case !validBenchtime(o.benchtime):
		return fmt.Sprintf("-benchtime=%s: want a duration (1s, 200ms) or a count of iterations (100x)", o.benchtime)
	case !validBenchtime(o.profiletime):
		return fmt.Sprintf("-profiletime=%s: want a duration (1s, 200ms) or a count of iterations (100x)", o.profiletime)
	}
	if o.profile != "" {
		if _, err := os.Stat(o.profile); err != nil {
			return fmt.Sprintf("-profile: %v", err)
		}
	}
	return ""
}

func validRegexp(s string) bool { _, err := regexp.Compile(s); return err == nil }

// validBenchtime reports whether go test -benchtime takes s: a positive
// duration, or a count of iterations such as 100x.
func validBenchtime(s string) bool {
	if n, ok := strings.CutSuffix(s, "x"); ok {
		i, err := strconv.Atoi(n)
		return err == nil && i > 0
	}
	d, err := time.ParseDuration(s)
	return err == nil && d > 0
}

// checkInputs reads what verify would otherwise find wrong only after
// minutes of work: a -profile that is not a CPU profile, an -o whose
// directory does not exist.
func checkInputs(o options, out string) error {
	if o.profile != "" {
		if _, err := profile.Load(o.profile); err != nil {
			return fmt.Errorf("-profile: %w", err)
		}
	}
	if out != "" {
		if st, err := os.Stat(filepath.Dir(out)); err != nil || !st.IsDir() {
			return fmt.Errorf("-o %s: no directory %s to write it in", out, filepath.Dir(out))
		}
	}
	return nil
}

// A signalError is the signal that interrupted the run.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string {
	if e.sig == syscall.SIGTERM {
		return "terminated (SIGTERM)"
	}
	return "interrupted (SIGINT)"
}

// withSignals returns a context cancelled, with a *signalError as its
// cause, on SIGINT or SIGTERM: every command verify runs is then killed
// and the scratch copy removed.
func withSignals() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			cancel(&signalError{s})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// signalExit returns the conventional exit status of a run stopped by a
// signal: 128 plus its number.
func signalExit(err error) (int, bool) {
	var se *signalError
	if !errors.As(err, &se) {
		return 0, false
	}
	if s, ok := se.sig.(syscall.Signal); ok {
		return 128 + int(s), true
	}
	return 130, true
}

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// run verifies the fixes of the packages. The scratch copy is removed
// before it returns, unless -keep.
func run(ctx context.Context, o options, patterns []string, progress func(string, ...any), stderr io.Writer) (res *Result, err error) {
	modDir, work, err := moduleDir(ctx)
	if err != nil {
		return nil, err
	}
	progress("copying %s", modDir)
	s, err := newScratch(ctx, modDir, work)
	if s != nil {
		defer func() {
			if o.keep && err == nil {
				fmt.Fprintf(stderr, "fsmvet verify: kept the scratch copy in %s\n", s.dir)
				return
			}
			if rerr := s.remove(); rerr != nil && err == nil {
				err = fmt.Errorf("removing the scratch copy: %w", rerr)
			}
		}()
	}
	if err != nil {
		return nil, err
	}
	machine, err := record(s)
	if err != nil {
		return nil, err
	}
	v := &verifier{s: s, opts: o, work: filepath.Join(s.dir, ".fsmvet-verify"), progress: progress,
		origBins: map[string]string{}, probeFiles: map[string]string{}, probes: map[string]*profile.Profile{}}
	if o.bench != "" {
		v.benchRE = regexp.MustCompile(o.bench) // checked by badUsage
	}
	for _, d := range []string{"original", "probes"} {
		if err := os.MkdirAll(filepath.Join(v.work, d), 0o755); err != nil {
			return nil, fmt.Errorf("making the scratch work directory: %w", err)
		}
	}
	progress("loading %s", strings.Join(patterns, " "))
	fixes, err := v.load(ctx, patterns)
	if err != nil {
		return nil, err
	}
	res = &Result{Machine: machine, Holds: holds(machine), Findings: []Finding{},
		Settings: Settings{Count: o.count, Benchtime: o.benchtime, CPU: o.cpu, Bench: o.bench,
			ProfileTime: o.profiletime, Alpha: Alpha, Confidence: Confidence},
		PGO: "collected from the original's run of each finding's benchmarks"}
	if o.profile != "" {
		res.PGO = "given: " + o.profile
	}
	if o.keep {
		res.Scratch = s.dir
	}
	if len(fixes) == 0 {
		return res, nil
	}
	if err := v.checkBaseline(fixes); err != nil {
		return nil, err
	}
	for i, f := range fixes {
		fd, err := v.verify(i, f)
		if err != nil {
			return nil, fmt.Errorf("%s at %s: %w", f.name, f.posn, err)
		}
		res.Findings = append(res.Findings, fd)
	}
	return res, nil
}

// load loads the packages in the copy and returns their fixes. Patterns
// that name directories of the tree name them in the copy.
func (v *verifier) load(ctx context.Context, patterns []string) ([]*fix, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	dir := v.s.path(wd)
	var ps []string
	for _, p := range patterns {
		if filepath.IsAbs(p) {
			p = v.s.path(p)
		}
		ps = append(ps, p)
	}
	if v.pkgs, err = v.s.listModule(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, context.Cause(ctx)
	}
	prog, err := program.Load(program.Config{Dir: dir, Tests: true, Tags: v.opts.tags, Env: v.s.env}, ps...)
	if err != nil {
		// Loaded in the copy, the errors name it: name the user's tree.
		return nil, errors.New(strings.ReplaceAll(err.Error(), v.s.dir, v.s.orig))
	}
	posn := func(pos token.Pos) string {
		p := prog.Fset.Position(pos)
		p.Filename = v.s.original(p.Filename)
		return govet.Posn(p)
	}
	return fixes(prog, v.s, posn), nil
}

// checkBaseline builds, vets and tests every package a fix may affect in
// the original: a failure there would be blamed on a fix.
func (v *verifier) checkBaseline(fixes []*fix) error {
	v.progress("building, vetting and testing the original")
	failure, err := v.checkAll(baseline(v.pkgs, fixes))
	if err != nil {
		return err
	}
	if failure != nil {
		return fmt.Errorf("the original module's %s fails, so no fix can be judged by it:\n%s", failure.Step, failure.Output)
	}
	return nil
}

// baseline returns every package of the module that a fix may affect, in
// import path order.
func baseline(pkgs []*listedPkg, fixes []*fix) []*listedPkg {
	var all []*listedPkg
	for _, f := range fixes {
		for _, p := range affected(pkgs, f.pkgPath) {
			if !slices.Contains(all, p) {
				all = append(all, p)
			}
		}
	}
	slices.SortFunc(all, func(a, b *listedPkg) int { return strings.Compare(a.ImportPath, b.ImportPath) })
	return all
}
