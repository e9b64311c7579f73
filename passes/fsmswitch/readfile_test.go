package fsmswitch_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
)

// ignoreWants is an analysistest.Testing that drops the mismatches with
// the fixture's // want comments, which expect the fix.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

// TestWithoutReadFile: under a driver that sets no Pass.ReadFile, as
// rules_go's nogo, fsmswitch reports each machine it could rewrite, says
// why there is no fix, and neither fails nor panics.
func TestWithoutReadFile(t *testing.T) {
	a := *fsmswitch.Analyzer
	a.Run = func(pass *analysis.Pass) (any, error) {
		pass.ReadFile = nil
		return fsmswitch.Analyzer.Run(pass)
	}
	n := 0
	for _, r := range analysistest.Run(ignoreWants{}, testdata(), &a, "machine") {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Action, r.Err)
		}
		if r.Action.Package.ID != "machine" {
			continue
		}
		for _, d := range r.Diagnostics {
			if !strings.HasPrefix(d.Message, "state machine ") {
				continue
			}
			n++
			if len(d.SuggestedFixes) > 0 || !strings.Contains(d.Message, "; this driver cannot build the fix (it sets no Pass.ReadFile): fsmvet -fix offers it") {
				t.Errorf("%s: %d fixes; want none, and the message to say why", d.Message, len(d.SuggestedFixes))
			}
		}
	}
	if n != 3 {
		t.Errorf("%d machines reported, want the 3 of machine with a fix (its generic Batcher has none)", n)
	}
}
