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

// setFlag sets an analyzer flag for the rest of the test.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	f := fsmswitch.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

func TestMachines(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "machine", "polltasks", "fixes", "scan16", "trust", "fixedges", "farfile")
}

// TestDefaultPolicy: without -fsmswitch.blocked, a machine is reported only
// when a fix is offered.
func TestDefaultPolicy(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "policy")
}

func TestNegatives(t *testing.T) {
	setFlag(t, "blocked", "true")
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "negative", "gen", "rewriteblocked")
}

func TestBlockers(t *testing.T) {
	setFlag(t, "blocked", "true")
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "blocked", "testreads", "internal/exported")
}
