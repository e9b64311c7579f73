package generator_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/generator"
)

// TestYieldIndented: the if statement that replaces a send is indented
// as the send's line is, so that a driver that does not gofmt the fixed
// file (gopls applying a quick fix) leaves it as gofmt would.
func TestYieldIndented(t *testing.T) {
	n := 0
	for _, r := range analysistest.Run(t, testdata(t), generator.Analyzer, "generator/chans") {
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					text := string(e.NewText)
					if !strings.HasPrefix(text, "if !yield") {
						continue
					}
					tf := r.Pass.Fset.File(e.Pos)
					src, err := os.ReadFile(tf.Name())
					if err != nil {
						t.Fatal(err)
					}
					line := src[tf.Offset(tf.LineStart(tf.Line(e.Pos))):tf.Offset(e.Pos)]
					in := string(line[:len(line)-len(bytes.TrimLeft(line, "\t"))])
					if lines := strings.Split(text, "\n"); len(lines) != 3 || lines[1] != in+"\treturn" || lines[2] != in+"}" {
						t.Errorf("%s: the send at %s becomes %q, not indented by %q", fix.Message, r.Pass.Fset.Position(e.Pos), text, in)
					}
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Error("no send rewritten")
	}
}
