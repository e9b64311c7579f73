package generator_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/generator"
)

// testdata is the repository's shared fixture tree: analysistest needs it
// as an absolute GOPATH.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// setFlag sets an analyzer flag for the rest of the test.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	f := generator.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

// TestChannelGenerators: the generators rewritten, each fix matching its
// golden file.
func TestChannelGenerators(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), generator.Analyzer, "generator/chans")
}

// TestPullLoops: the iter.Pull loops rewritten, each fix matching its
// golden file; and the benchmark fixture, a channel generator and a Pull
// loop, whose file loses its iter import.
func TestPullLoops(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), generator.Analyzer, "generator/pulls", "generator/bench")
}
