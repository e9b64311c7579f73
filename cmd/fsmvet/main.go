// Command fsmvet finds state machines that pay for two dispatches per step
// and reports what blocks rewriting them to transition-pointer form.
//
// It is one binary for every driver:
//
//	fsmvet ./...                               # standalone (-json, -fix, -diff, -c=N)
//	go vet -vettool=$(which fsmvet) ./...      # as a vet tool
//	go fix -fixtool=$(which fsmvet) ./...      # as a fix tool (Go 1.26)
//	fsmvet whole ./...                         # whole program: poll loops linked across packages
//	fsmvet -profile cpu.pprof -hot 1% ./...    # findings with their share of a CPU profile
//	fsmvet report -profile cpu.pprof ./...     # findings ranked by a CPU profile (text, json, html)
//
// Run 'fsmvet help' for the analyzers and their flags.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/fsmvet/fsmvet/analyzer"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/profile"
	"github.com/fsmvet/fsmvet/report"
	"github.com/fsmvet/fsmvet/whole"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "whole":
			os.Exit(whole.Main(os.Args[2:], os.Stdout, os.Stderr))
		case "report":
			os.Exit(report.Main(os.Args[2:], os.Stdout, os.Stderr))
		}
	}
	// -profile and -hot are the hotspot analyzer's flags under the short
	// names users type; 'fsmvet -flags' lists them, so go vet passes them on.
	for _, name := range []string{"profile", "hot"} {
		f := hotspot.Analyzer.Flags.Lookup(name)
		flag.Var(f.Value, name, f.Usage)
	}
	if err := checkProfile(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "fsmvet: -profile: %v\n", err)
		os.Exit(1)
	}
	multichecker.Main(analyzer.Suite()...)
}

// checkProfile reads the -profile files once before a standalone run, so
// that a file that is not a CPU profile is one error, not one per package.
// Under go vet (a .cfg unit per package) parsing waits for a finding.
func checkProfile(args []string) error {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return nil
	}
	for i, arg := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !strings.HasPrefix(arg, "-") || name != "profile" && name != "hotspot.profile" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		if _, err := profile.Load(strings.Split(value, ",")...); err != nil {
			return err
		}
	}
	return nil
}
