// Command fsmvet finds state machines that pay for extra
// dispatch on every step, says what blocks rewriting them, and offers the
// rewrites. It is one binary for every driver:
//
//	fsmvet ./...                               # analyse packages (-json, -format=sarif, -fix, -diff)
//	go vet -vettool=$(command -v fsmvet) ./... # as a vet tool
//	go fix -fixtool=$(command -v fsmvet) ./... # as a fix tool
//	fsmvet whole ./...                         # whole program: poll loops linked across packages
//	fsmvet report -profile cpu.pprof ./...     # findings ranked by a CPU profile (text, json, html)
//	fsmvet verify ./...                        # each fix tested and measured, with and without PGO
//	fsmvet lsp                                 # a language server for editors, beside gopls
//
// Run 'fsmvet help' for the modes, the analyzers and their flags.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/fsmvet/fsmvet/analyzer"
	"github.com/fsmvet/fsmvet/lint"
	"github.com/fsmvet/fsmvet/lsp"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/report"
	"github.com/fsmvet/fsmvet/verify"
	"github.com/fsmvet/fsmvet/whole"
)

func main() {
	args := os.Args[1:]
	suite := analyzer.Suite()
	switch {
	case len(args) > 0 && args[0] == "whole":
		os.Exit(whole.Main(args[1:], os.Stdout, os.Stderr))
	case len(args) > 0 && args[0] == "report":
		os.Exit(report.Main(args[1:], os.Stdout, os.Stderr))
	case len(args) > 0 && args[0] == "verify":
		os.Exit(verify.Main(args[1:], os.Stdout, os.Stderr))
	case len(args) > 0 && args[0] == "lsp":
		os.Exit(lsp.Main(args[1:], suite, os.Stdin, os.Stdout, os.Stderr))
	case len(args) > 0 && args[0] == "help":
		os.Exit(help(args[1:], suite, os.Stdout, os.Stderr))
	case fromGoCommand(args):
		// -profile and -hot under the short names users type; -flags
		// lists them, so go vet passes them on.
		for _, name := range []string{"profile", "hot"} {
			f := hotspot.Analyzer.Flags.Lookup(name)
			flag.Var(f.Value, name, f.Usage)
		}
		unitchecker.Main(suite...)
	default:
		os.Exit(lint.Main(args, suite, os.Stdout, os.Stderr))
	}
}

// fromGoCommand reports whether go vet or go fix runs fsmvet: it asks for
// the tool's version (-V=full) or flags (-flags), or hands it a package's
// configuration file (a .cfg, last).
func fromGoCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	return strings.HasSuffix(args[len(args)-1], ".cfg") ||
		slices.ContainsFunc(args, func(a string) bool { return a == "-flags" || a == "-V" || strings.HasPrefix(a, "-V=") })
}

// help prints fsmvet's usage, or the manual of the analyzer or subcommand
// named.
func help(args []string, suite []*analysis.Analyzer, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		lint.PrintUsage(stdout, suite)
		return 0
	}
	name := args[0]
	switch name {
	case "whole":
		whole.Main([]string{"-h"}, stdout, stdout)
		return 0
	case "report":
		report.Main([]string{"-h"}, stdout, stdout)
		return 0
	case "verify":
		verify.Main([]string{"-h"}, stdout, stdout)
		return 0
	case "lsp":
		lsp.Main([]string{"-h"}, suite, nil, stdout, stdout)
		return 0
	}
	for _, a := range suite {
		if a.Name == name {
			fmt.Fprintf(stdout, "%s: %s\n", a.Name, a.Doc)
			fmt.Fprintf(stdout, "\nFlags (as -%s.NAME):\n", a.Name)
			a.Flags.SetOutput(stdout)
			a.Flags.PrintDefaults()
			return 0
		}
	}
	fmt.Fprintf(stderr, "fsmvet help: no analyzer or subcommand %q; run 'fsmvet help' for the list\n", name)
	return 2
}
