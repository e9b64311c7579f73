package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/generator"
)

// TestCRLF: files whose lines end in \r\n, as an editor on Windows
// writes them, get the same fixes, matching the same golden files: the
// lines a fix deletes go with their \r\n, leaving no blank line.
func TestCRLF(t *testing.T) {
	gopath := t.TempDir()
	for _, pkg := range []string{"generator/chans", "generator/pulls"} {
		src := filepath.Join(testdata(t), "src", pkg)
		dst := filepath.Join(gopath, "src", pkg)
		if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		files, err := filepath.Glob(filepath.Join(dst, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	analysistest.RunWithSuggestedFixes(t, gopath, generator.Analyzer, "generator/chans", "generator/pulls")
}
