// Package lint implements fsmvet's main mode, 'fsmvet [flags] packages':
// it analyses the packages go vet would (a package with its tests, its
// external tests), one package at a time in dependency order, and prints
// the findings as go vet does, as JSON, or applies their fixes.
package lint

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/cli"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/profile"
)

// Usage is fsmvet's own help: its modes, its subcommands and where to read
// more. The flags follow it.
const Usage = `fsmvet finds state machines that pay for extra dispatch
on every step, says what blocks rewriting them, and offers the rewrites.

Usage:
  fsmvet [flags] packages        analyse the packages (as go vet does: tests included)
  fsmvet -fix [-diff] packages   apply the fixes (-diff: print them instead)
  fsmvet -format=sarif packages  SARIF 2.1.0 for code scanning (-format=json: as -json)
  fsmvet whole [flags] packages  the whole program: poll loops linked to tasks in any package
  fsmvet report -profile cpu.pprof [flags] packages
                                 findings ranked by a CPU profile: text, json or html
  fsmvet verify [flags] packages each fix tested and measured on this machine, with and
                                 without PGO: measured verdicts
  fsmvet lsp                     a language server for editors, beside gopls (docs/editors.md)
  fsmvet help [name]             this text, or the manual of an analyzer or subcommand
  go vet -vettool=$(command -v fsmvet) packages
  go fix -fixtool=$(command -v fsmvet) packages

Analyzers (fsmvet help NAME for each one's manual, with before and after):
%s
Reported by default: a state machine or a generator whose rewrite is
offered as a fix, and a poll loop that reaches such a machine.
-fsmswitch.blocked adds machines whose rewrite is blocked (with why);
-pollloop.all adds every poll loop; -generator.all adds the generators
whose rewrite is refused (with why).
With -profile, only findings with at least -hot of the CPU are reported.

Exit status: 0 no findings, 1 an error (code that does not type-check, a
file that is not a CPU profile), 2 bad usage (a flag that does not parse, a
-profile file that does not exist), 3 findings (-json, -format=json or
sarif, and -fix exit 0 unless an error).

Flags:
`

// Main runs the main mode with args and returns the exit status.
func Main(args []string, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	fs, opts := newFlags(analyzers)
	fs.SetOutput(stderr)
	if exit, ok := cli.ParseFlags(fs, args, func() { PrintUsage(stderr, analyzers) }, "fsmvet help"); !ok {
		return exit
	}
	fs.Visit(func(f *flag.Flag) { opts.set[f.Name] = true })
	if fs.NArg() == 0 {
		PrintUsage(stderr, analyzers)
		return 2
	}
	format, err := opts.outputFormat()
	if err != nil {
		return cli.BadUsage(stderr, "fsmvet", "fsmvet help", err.Error())
	}
	if opts.cpuProfile != "" {
		stop, err := startCPUProfile(opts.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "fsmvet: %v\n", err)
			return 1
		}
		defer stop()
	}
	selected := opts.selected(analyzers)
	findings, errs, err := analyse(Config{Tests: opts.tests, Tags: opts.tags}, selected, stderr, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "fsmvet: %v\n", err)
		return 1
	}
	for _, e := range errs {
		fmt.Fprintln(stderr, e)
	}
	exit := 0
	switch {
	case opts.fix:
		if err := applyFixes(findings, opts.diff, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "fsmvet: %v\n", err)
			exit = 1
		}
	case format == "json":
		if err := printJSON(stdout, findings); err != nil {
			fmt.Fprintf(stderr, "fsmvet: %v\n", err)
			exit = 1
		}
	case format == "sarif":
		if err := printSARIF(stdout, findings, selected, errs); err != nil {
			fmt.Fprintf(stderr, "fsmvet: %v\n", err)
			exit = 1
		}
	default:
		printText(stderr, findings, opts.context)
		if len(findings) > 0 {
			exit = 3
		}
	}
	if len(errs) > 0 {
		exit = 1
	}
	return exit
}

// analyse runs the analyzers on the packages the patterns name and
// returns their findings, sorted and without repeats, and the errors of
// the packages that do not load or type-check (file:line:col: message),
// sorted. It writes the profile's warnings to stderr. An error is a run
// that could not start: go list failed, or -profile names no CPU profile.
func analyse(cfg Config, analyzers []*analysis.Analyzer, stderr io.Writer, patterns []string) ([]finding, []string, error) {
	nodes, err := load(cfg, patterns)
	if err != nil {
		return nil, nil, err
	}
	if err := checkProfile(nodes, stderr); err != nil {
		return nil, nil, fmt.Errorf("-profile: %w", err)
	}
	r := newRunner(nodes, analyzers, cfg.Overlay)
	r.run(runtime.GOMAXPROCS(0))
	return sortFindings(r.findings), r.errs, nil
}

// options are the main mode's own flags.
type options struct {
	json, fix, diff, tests bool
	context                int
	cpuProfile, tags       string
	format                 string
	enabled                map[string]*bool // -NAME: run only the analyzers set true, or all but those set false
	set                    map[string]bool  // which -NAME flags were given
}

// newFlags returns the flag set of the main mode: its own flags, each
// analyzer's flags as -NAME.flag (as go vet passes them), and -profile and
// -hot, hotspot's flags, under the short names users type.
func newFlags(analyzers []*analysis.Analyzer) (*flag.FlagSet, *options) {
	fs, o := findingFlags("fsmvet", analyzers)
	fs.BoolVar(&o.json, "json", false, "print the findings as JSON (the x/tools schema: package, analyzer, diagnostics); as -format=json")
	fs.StringVar(&o.format, "format", "text", "print the findings as text (on standard error), json or sarif (SARIF 2.1.0, for code scanning)")
	fs.BoolVar(&o.fix, "fix", false, "apply every finding's fix")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
	fs.IntVar(&o.context, "c", -1, "print this many lines of source around each finding")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of fsmvet itself to this file")
	return fs, o
}

// findingFlags returns a flag set of the main mode's flags that decide
// what is found, not how it is shown: -test, -tags, -NAME and -NAME.flag,
// -profile and -hot. An editor's settings are these.
func findingFlags(name string, analyzers []*analysis.Analyzer) (*flag.FlagSet, *options) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	o := &options{enabled: make(map[string]*bool), set: make(map[string]bool)}
	fs.BoolVar(&o.tests, "test", true, "analyse test files too, as go vet does (a package is analysed with its tests)")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags, as go vet -tags")
	for _, a := range analyzers {
		if len(analyzers) > 1 {
			o.enabled[a.Name] = fs.Bool(a.Name, false, "run the "+a.Name+" analyzer (with no such flag, all run)")
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	for _, name := range []string{"profile", "hot"} {
		f := hotspot.Analyzer.Flags.Lookup(name)
		fs.Var(f.Value, name, f.Usage+" (also -hotspot."+name+")")
	}
	return fs, o
}

// outputFormat returns the form to print the findings in: -format's, or
// json for -json, the flag go vet's users know.
func (o *options) outputFormat() (string, error) {
	switch {
	case !slices.Contains([]string{"text", "json", "sarif"}, o.format):
		return "", fmt.Errorf("-format=%s: want text, json or sarif", o.format)
	case o.json && o.set["format"] && o.format != "json":
		return "", fmt.Errorf("-json and -format=%s disagree", o.format)
	case o.json:
		return "json", nil
	}
	return o.format, nil
}

// selected returns the analyzers to run: those named true by -NAME flags,
// or if none is, all but those named false.
func (o *options) selected(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var only, rest []*analysis.Analyzer
	for _, a := range analyzers {
		on := o.enabled[a.Name]
		switch {
		case on != nil && *on:
			only = append(only, a)
		case on == nil || !*on && !o.set[a.Name]:
			rest = append(rest, a)
		}
	}
	if len(only) > 0 {
		return only
	}
	return rest
}

// PrintUsage prints fsmvet's help and the main mode's flags.
func PrintUsage(w io.Writer, analyzers []*analysis.Analyzer) {
	var list strings.Builder
	for _, a := range analyzers {
		summary, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(&list, "  %-10s %s\n", a.Name, summary)
	}
	fmt.Fprintf(w, Usage, list.String())
	fs, _ := newFlags(analyzers)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// checkProfile reads the -profile files once, so that a file that is not
// a CPU profile is one error, not one per package, and warns, once, when
// the profile is of another program or says it may not match.
func checkProfile(nodes []*node, stderr io.Writer) error {
	files := hotspot.Analyzer.Flags.Lookup("profile").Value.String()
	if files == "" {
		return nil
	}
	prof, err := profile.Load(profile.Names(files)...)
	if err != nil {
		return err
	}
	for _, w := range prof.Warnings {
		fmt.Fprintf(stderr, "fsmvet: warning: %s\n", w)
	}
	if w := prof.Foreign(rootPaths(nodes)); w != "" {
		if hot := hotspot.Analyzer.Flags.Lookup("hot").Value.String(); hot != "0%" {
			w += " Every finding would be under -hot=" + hot + "."
		}
		fmt.Fprintf(stderr, "fsmvet: warning: %s\n", w)
	}
	return nil
}

func startCPUProfile(name string) (stop func(), err error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
