// Command fsmvet finds state machines that pay for two dispatches per step
// and reports what blocks rewriting them to transition-pointer form.
//
// It is one binary for every driver:
//
//	fsmvet ./...                               # standalone (-json, -fix, -diff, -c=N)
//	go vet -vettool=$(which fsmvet) ./...      # as a vet tool
//	go fix -fixtool=$(which fsmvet) ./...      # as a fix tool (Go 1.26)
//	fsmvet whole ./...                         # whole program: poll loops linked across packages
//	fsmvet report -profile cpu.pprof ./...     # findings ranked by a CPU profile (text, json, html)
//
// Run 'fsmvet help' for the analyzers and their flags.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/fsmvet/fsmvet/analyzer"
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
	multichecker.Main(analyzer.Suite()...)
}
