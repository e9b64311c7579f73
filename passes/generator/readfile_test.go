package generator_test

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/generator"
)

// TestWithoutReadFile: under a driver that sets no Pass.ReadFile, as
// rules_go's nogo, the analyzer reports each generator and Pull loop it
// could rewrite, says why there is no fix, and neither fails nor panics.
func TestWithoutReadFile(t *testing.T) {
	a := *generator.Analyzer
	a.Run = func(pass *analysis.Pass) (any, error) {
		pass.ReadFile = nil
		return generator.Analyzer.Run(pass)
	}
	const why = "; this driver cannot build the fix (it sets no Pass.ReadFile): fsmvet -fix offers it"
	found := map[string]int{}
	for _, r := range analysistest.Run(ignoreWants{}, testdata(t), &a, "generator/chans", "generator/pulls") {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Action, r.Err)
		}
		for _, d := range r.Diagnostics {
			if strings.Contains(d.Message, "no fix:") {
				continue
			}
			found[d.Category]++
			if len(d.SuggestedFixes) > 0 || !strings.Contains(d.Message, why) {
				t.Errorf("%s: %d fixes; want none, and the message to say why", d.Message, len(d.SuggestedFixes))
			}
			if strings.Contains(d.Message, "range  ") || strings.HasSuffix(d.Message, "range ") {
				t.Errorf("%s: the message lost the sequence's text", d.Message)
			}
		}
	}
	if found["channel-generator"] == 0 || found["pull-loop"] == 0 {
		t.Errorf("findings by category %v; want generators and Pull loops", found)
	}
}

// TestReadFileFails: a file Pass.ReadFile cannot read is an error of the
// analysis that names the file, not a fix built from nothing.
func TestReadFileFails(t *testing.T) {
	a := *generator.Analyzer
	a.Run = func(pass *analysis.Pass) (any, error) {
		pass.ReadFile = func(name string) ([]byte, error) { return nil, errors.New("unreadable") }
		return generator.Analyzer.Run(pass)
	}
	for _, pkg := range []string{"generator/chans", "generator/pulls"} {
		var errs []string
		for _, r := range analysistest.Run(ignoreWants{}, testdata(t), &a, pkg) {
			if r.Err != nil {
				errs = append(errs, r.Err.Error())
			}
		}
		if len(errs) == 0 || !strings.Contains(errs[0], "reading ") || !strings.HasSuffix(errs[0], ".go: unreadable") {
			t.Errorf("%s with an unreadable file: errors %q, want one naming the file", pkg, errs)
		}
	}
}
