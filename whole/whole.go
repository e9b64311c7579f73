// Package whole implements 'fsmvet whole': the whole-program mode, which
// loads every package once, builds one SSA program and call graph, and
// reports each poll loop with the implementations it can reach across
// packages, next to the state machines fsmswitch finds.
package whole

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"

	"github.com/fsmvet/fsmvet/internal/cli"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/generator"
	"github.com/fsmvet/fsmvet/program"
)

const usage = `usage: fsmvet whole [-json] [-test] [-blocked] [-all] packages...

Loads the packages and everything they import as one program, builds a
call graph (VTA), and reports, as fsmvet does by default, the state
machines with a fix, the generators with a fix and the poll loops that
reach a machine with a fix, each poll loop with
the implementations it can reach in any package (not only those it
imports).

Exit status: 0 no findings, 1 error, 2 bad usage, 3 findings (as fsmvet).
`

// Main runs the subcommand with args (after "whole") and returns the exit
// status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fsmvet whole", flag.ContinueOnError)
	fs.SetOutput(stderr)
	printUsage := func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	asJSON := fs.Bool("json", false, "print findings as JSON (a list of {analyzer, posn, message, related})")
	tests := fs.Bool("test", false, "include test files and test packages (each test variant re-analyses its dependents: slower)")
	tags := fs.String("tags", "", "comma-separated build tags, as go vet -tags")
	blocked := fs.Bool("blocked", false, "as -fsmswitch.blocked: also report machines whose rewrite is blocked")
	all := fs.Bool("all", false, "as -pollloop.all and -generator.all: report every poll loop, not only those reaching a machine with a fix, and the generators whose rewrite is refused")
	if exit, ok := cli.ParseFlags(fs, args, printUsage, "fsmvet help whole"); !ok {
		return exit
	}
	if fs.NArg() == 0 {
		printUsage()
		return 2
	}
	if *blocked {
		fsmswitch.Analyzer.Flags.Set("blocked", "true") // a bool flag: cannot fail
	}
	if *all {
		generator.Analyzer.Flags.Set("all", "true") // a bool flag: cannot fail
	}
	prog, err := program.Load(program.Config{Tests: *tests, Tags: *tags}, fs.Args()...)
	if err != nil {
		fmt.Fprintf(stderr, "fsmvet whole: %v\n", err)
		return 1
	}
	findings := collect(prog, *all)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "\t")
		if err := enc.Encode(findings); err != nil {
			fmt.Fprintf(stderr, "fsmvet whole: %v\n", err)
			return 1
		}
	} else {
		printText(stderr, findings)
	}
	if len(findings) > 0 && !*asJSON { // as in the main mode: JSON is for tools, which read the findings
		return 3
	}
	return 0
}

// A Finding is one diagnostic as printed: the JSON form is stable.
type Finding struct {
	Analyzer string    `json:"analyzer"`
	Posn     string    `json:"posn"`
	Message  string    `json:"message"`
	Related  []Related `json:"related,omitempty"`
}

// Related is a related position of a finding.
type Related struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

// collect gathers the findings of the program in position order. Each
// package is analysed once (program.Load keeps one variant of a package
// with tests), so no finding repeats.
func collect(prog *program.Program, all bool) []Finding {
	diags := slices.Clone(prog.Diagnostics)
	for _, l := range prog.PollLoops(all) {
		diags = append(diags, l.Diagnostic())
	}
	slices.SortStableFunc(diags, func(a, b program.Diagnostic) int { return prog.Compare(a.Pos, b.Pos) })
	findings := []Finding{} // none is an empty list in JSON, not null
	for _, d := range diags {
		f := Finding{Analyzer: d.Analyzer, Posn: prog.Posn(d.Pos), Message: d.Message}
		for _, r := range d.Related {
			f.Related = append(f.Related, Related{Posn: prog.Posn(r.Pos), Message: r.Message})
		}
		findings = append(findings, f)
	}
	return findings
}

func printText(w io.Writer, findings []Finding) {
	for _, f := range findings {
		fmt.Fprintf(w, "%s: %s\n", f.Posn, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(w, "%s: \t%s\n", r.Posn, r.Message)
		}
	}
}
