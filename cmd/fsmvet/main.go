// Command fsmvet finds state machines that pay for two dispatches per step
// and reports what blocks rewriting them to transition-pointer form.
//
// It is one binary for every driver:
//
//	fsmvet ./...                               # standalone (-json, -fix, -diff, -c=N)
//	go vet -vettool=$(which fsmvet) ./...      # as a vet tool
//	go fix -fixtool=$(which fsmvet) ./...      # as a fix tool (Go 1.26)
//
// Run 'fsmvet help' for the analyzers and their flags.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/fsmvet/fsmvet/analyzer"
)

func main() { multichecker.Main(analyzer.Suite()...) }
