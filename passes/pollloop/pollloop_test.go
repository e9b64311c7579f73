package pollloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/pollloop"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPollLoops(t *testing.T) {
	analysistest.Run(t, testdata(t), pollloop.Analyzer, "poll")
}

func TestAll(t *testing.T) {
	if err := pollloop.Analyzer.Flags.Set("all", "true"); err != nil {
		t.Fatal(err)
	}
	defer pollloop.Analyzer.Flags.Set("all", "false")
	analysistest.Run(t, testdata(t), pollloop.Analyzer, "pollall")
}
