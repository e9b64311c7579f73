// Package whole implements 'fsmvet whole': the whole-program mode, which
// loads every package once, builds one SSA program and call graph, and
// reports each poll loop with the implementations it can reach across
// packages, next to the state machines fsmswitch finds.
package whole

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/program"
)

const usage = `usage: fsmvet whole [-json] [-test] [-blocked] [-all] packages...

Loads the packages and everything they import as one program, builds a
call graph (VTA), and reports, as fsmvet does by default, the state
machines with a fix and the poll loops that reach one, each poll loop with
the implementations it can reach in any package (not only those it
imports).

Exit status: 0 no findings, 1 error, 2 bad usage, 3 findings (as fsmvet).
`

// Main runs the subcommand with args (after "whole") and returns the exit
// status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fsmvet whole", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	asJSON := fs.Bool("json", false, "print findings as JSON (a list of {analyzer, posn, message, related})")
	tests := fs.Bool("test", false, "include test files and test packages (each test variant re-analyses its dependents: slower)")
	blocked := fs.Bool("blocked", false, "as -fsmswitch.blocked: also report machines whose rewrite is blocked")
	all := fs.Bool("all", false, "as -pollloop.all: report every poll loop, not only those reaching a machine with a fix")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if *blocked {
		fsmswitch.Analyzer.Flags.Set("blocked", "true") // a bool flag: cannot fail
	}
	prog, err := program.Load(program.Config{Tests: *tests}, fs.Args()...)
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
	if len(findings) > 0 {
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

// collect gathers the findings of the program, in position order and
// without the repeats that test variants of a package produce.
func collect(prog *program.Program, all bool) []Finding {
	diags := slices.Clone(prog.Diagnostics)
	for _, l := range prog.PollLoops(all) {
		diags = append(diags, l.Diagnostic())
	}
	slices.SortStableFunc(diags, func(a, b program.Diagnostic) int {
		pa, pb := prog.Fset.Position(a.Pos), prog.Fset.Position(b.Pos)
		return cmp.Or(strings.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Column, pb.Column))
	})
	seen := make(map[string]bool)
	var findings []Finding
	for _, d := range diags {
		f := Finding{Analyzer: d.Analyzer, Posn: posn(prog.Fset, d.Pos), Message: d.Message}
		for _, r := range d.Related {
			f.Related = append(f.Related, Related{Posn: posn(prog.Fset, r.Pos), Message: r.Message})
		}
		if key := f.Posn + "\x00" + f.Message; !seen[key] {
			seen[key] = true
			findings = append(findings, f)
		}
	}
	return findings
}

// posn prints a position as file:line:col, the file relative to the
// current directory when it is below it.
func posn(fset *token.FileSet, pos token.Pos) string {
	if !pos.IsValid() {
		return "-"
	}
	p := fset.Position(pos)
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p.Filename); err == nil && !strings.HasPrefix(rel, "..") {
			p.Filename = rel
		}
	}
	return p.String()
}

func printText(w io.Writer, findings []Finding) {
	for _, f := range findings {
		fmt.Fprintf(w, "%s: %s\n", f.Posn, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(w, "%s: \t%s\n", r.Posn, r.Message)
		}
	}
}
