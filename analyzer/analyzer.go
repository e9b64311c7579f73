// Package analyzer is fsmvet's public suite: every analyzer, in the order a
// driver should list them. Use it from any go/analysis driver
// (multichecker, unitchecker, golangci-lint's module plugins, gopls).
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/generator"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/passes/pollloop"
)

// Suite returns fsmvet's analyzers. It returns a new slice each time so
// that callers may append to it.
func Suite() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		hotspot.Analyzer, // holds -profile and -hot; reports nothing itself
		fsmswitch.Analyzer,
		pollloop.Analyzer,
		generator.Analyzer,
	}
}
