package report

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/program"
)

// TestDiffErrors checks that a fix the report cannot show is an error
// that says why: one whose edits are not within a file, and one whose
// result does not parse (fsmvet -fix refuses it too).
func TestDiffErrors(t *testing.T) {
	prog, err := program.Load(program.Config{Dir: filepath.Join("..", "testdata", "rank")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	b := &builder{prog: prog}
	m := prog.Machines[0]
	at := m.Consumer.Stmt.Pos()
	for _, c := range []struct {
		name string
		fix  analysis.SuggestedFix
		want string
	}{
		{"no position", analysis.SuggestedFix{TextEdits: []analysis.TextEdit{{NewText: []byte("x")}}}, "is not within one file"},
		{"does not parse", analysis.SuggestedFix{TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("}}")}}},
			"machines.go: the fixed file does not parse: "},
	} {
		if _, err := b.diff(c.fix); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: diff error %v, want one saying %q", c.name, err, c.want)
		}
	}
	fix := analysis.SuggestedFix{TextEdits: []analysis.TextEdit{{Pos: at, End: at + 6, NewText: []byte("switch")}}}
	if d, err := b.diff(fix); d != "" || err != nil {
		t.Errorf("a fix that changes nothing: diff %q, %v; want none", d, err)
	}
}
