package fsmswitch_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
)

// testdata is the repository's shared fixture tree (see the layout in the
// README): analysistest needs it as an absolute GOPATH.
func testdata() string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		panic(err)
	}
	return dir
}

func TestMachines(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "machine", "internal/exported", "polltasks", "fixes", "scan16")
}

func TestNegatives(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "negative", "gen", "rewriteblocked")
}

func TestBlockers(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "blocked", "testreads")
}
