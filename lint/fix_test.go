package lint

import (
	"bytes"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/internal/edit"
)

const fixSrc = "package p\n\nvar a = 1\nvar b = 2\nvar c = 3\n"

// fixFinding returns a finding at line whose one fix makes the edits.
func fixFinding(line int, edits ...fileEdit) finding {
	return finding{posn: token.Position{Filename: "p.go", Line: line, Column: 1}, fixes: []fix{{message: "fix", edits: edits}}}
}

func TestApplyFixes(t *testing.T) {
	file := filepath.Join(t.TempDir(), "p.go")
	at := func(s string) int { return strings.Index(fixSrc, s) }
	a := fileEdit{file, edit.Replace(at("1"), at("1")+1, "10")}
	b := fileEdit{file, edit.Replace(at("2"), at("2")+1, "20")}
	bAgain := b                                                            // the same edit from another finding: taken once
	overB := fileEdit{file, edit.Replace(at("b = 2"), at("2")+1, "z = 9")} // overlaps b
	atB := fileEdit{file, edit.Insert(at("2"), "-")}                       // inserts where b starts
	c := fileEdit{file, edit.Insert(at("var c"), "var d = 4\n")}
	for _, tc := range []struct {
		name     string
		findings []finding
		want     string
		skipped  int
	}{
		{"apart", []finding{fixFinding(3, a), fixFinding(4, b)}, "package p\n\nvar a = 10\nvar b = 20\nvar c = 3\n", 0},
		{"identical edits once", []finding{fixFinding(4, b), fixFinding(4, bAgain, a)}, "package p\n\nvar a = 10\nvar b = 20\nvar c = 3\n", 0},
		{"overlap skipped whole", []finding{fixFinding(4, b), fixFinding(4, overB, a)}, "package p\n\nvar a = 1\nvar b = 20\nvar c = 3\n", 1},
		{"same start skipped", []finding{fixFinding(4, b), fixFinding(4, atB)}, "package p\n\nvar a = 1\nvar b = 20\nvar c = 3\n", 1},
		{"insertion, and gofmt", []finding{fixFinding(5, c)}, "package p\n\nvar a = 1\nvar b = 2\nvar d = 4\nvar c = 3\n", 0},
		{"no fix", []finding{{posn: token.Position{Filename: "p.go", Line: 3}}}, fixSrc, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(file, []byte(fixSrc), 0o600); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			err := applyFixes(tc.findings, false, &out, &out)
			switch {
			case tc.skipped == 0 && err != nil:
				t.Errorf("applyFixes: %v", err)
			case tc.skipped > 0 && (err == nil || !strings.Contains(err.Error(), "1 fixes overlap others")):
				t.Errorf("applyFixes: %v, want an error naming the skipped fix", err)
			}
			data, _ := os.ReadFile(file)
			if string(data) != tc.want {
				t.Errorf("file after the fixes:\n%s\nwant:\n%s", data, tc.want)
			}
			if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
				t.Errorf("the file's mode became %v", info.Mode().Perm())
			}
		})
	}
}

func TestApplyFixesDiff(t *testing.T) {
	file := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(file, []byte(fixSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	e := fileEdit{file, edit.Replace(strings.Index(fixSrc, "1"), strings.Index(fixSrc, "1")+1, "10")}
	if err := applyFixes([]finding{fixFinding(3, e)}, true, &out, &out); err != nil {
		t.Fatal(err)
	}
	want := "--- " + file + " (before)\n+++ " + file + " (after)\n@@ -1,5 +1,5 @@\n package p\n \n-var a = 1\n+var a = 10\n var b = 2\n var c = 3\n"
	if out.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", out.String(), want)
	}
	if data, _ := os.ReadFile(file); string(data) != fixSrc {
		t.Error("-diff wrote the file")
	}
}

func TestApplyFixesErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "p.go")
	os.WriteFile(file, []byte(fixSrc), 0o644)
	broken := fileEdit{file, edit.Replace(0, len("package p"), "package (")}
	if err := applyFixes([]finding{fixFinding(1, broken)}, false, new(bytes.Buffer), new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), "does not parse") {
		t.Errorf("a fix that breaks the syntax: %v, want an error saying so", err)
	}
	if data, _ := os.ReadFile(file); string(data) != fixSrc {
		t.Error("a fix that does not parse was written")
	}
	past := fileEdit{file, edit.Delete(len(fixSrc)+5, len(fixSrc)+6)}
	if err := applyFixes([]finding{fixFinding(1, past)}, false, new(bytes.Buffer), new(bytes.Buffer)); err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Errorf("an edit past the end of the file: %v, want an error", err)
	}
	gone := fileEdit{file: filepath.Join(t.TempDir(), "gone.go")}
	if err := applyFixes([]finding{fixFinding(1, gone)}, false, new(bytes.Buffer), new(bytes.Buffer)); err == nil {
		t.Error("a fix to a missing file: no error")
	}
}

func TestCheckEdits(t *testing.T) {
	ok := []edit.Edit{edit.Delete(5, 9), edit.Delete(0, 5), edit.Insert(9, "x")}
	if err := checkEdits(ok); err != nil {
		t.Errorf("adjacent edits: %v", err)
	}
	bad := []edit.Edit{edit.Delete(5, 9), edit.Delete(0, 6)}
	if err := checkEdits(bad); err == nil || !strings.Contains(err.Error(), "overlap") {
		t.Errorf("overlapping edits: %v, want an error", err)
	}
}
