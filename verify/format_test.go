package verify

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// TestFormats renders a recorded result of the mixed fixture
// (testdata/mixed.json, which TestMixed checks verify still produces) as
// text and HTML, compared with golden files, and as JSON, which must come
// back byte for byte: the JSON is stable.
func TestFormats(t *testing.T) {
	checkRenderings(t, abs(t, "testdata/mixed"))
}

// checkRenderings renders base.json in each format and compares it with
// base.json, base.txt and base.html; -update rewrites the last two.
func checkRenderings(t *testing.T, base string) {
	t.Helper()
	res, err := readResult(base + ".json")
	if err != nil {
		t.Fatal(err)
	}
	for format, ext := range map[string]string{"json": ".json", "text": ".txt", "html": ".html"} {
		var got bytes.Buffer
		if err := write(res, format, "", &got); err != nil {
			t.Fatal(err)
		}
		if *update && format != "json" {
			if err := os.WriteFile(base+ext, got.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(base + ext)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Errorf("-format=%s differs from %s (go test -update rewrites it):\n%s", format, base+ext, got.String())
		}
	}
}

// TestOutput: -apply writes the fixes whose verdict is rewrite or rewrite
// + PGO, and the output lists them; without it, nothing is written; -o
// writes to a file.
func TestOutput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	name := filepath.Join(dir, "a.go")
	src := []byte("package a\n\nvar x = 1\n")
	if err := os.WriteFile(name, src, 0o644); err != nil {
		t.Fatal(err)
	}
	res := func() *Result {
		return &Result{Findings: []Finding{{Name: "S.f", Verdict: VerdictRewrite,
			fix: &fix{files: []fixedFile{{tree: name, before: src, edits: []edit.Edit{edit.Replace(19, 20, "2")}}}}}}}
	}
	var out bytes.Buffer
	overlapping := res()
	overlapping.Findings = append(overlapping.Findings, Finding{Name: "T.g", Posn: "a.go:3:5", Verdict: VerdictRewrite,
		fix: &fix{files: []fixedFile{{tree: name, before: src, edits: []edit.Edit{edit.Replace(15, 20, "x = 3")}}}}})
	if err := output(overlapping, true, "text", "", &out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); string(got) != "package a\n\nvar x = 2\n" ||
		!strings.HasSuffix(out.String(), "\napplied to the tree: a.go\nleft out, as their fixes overlap one applied (run fsmvet verify -apply again): T.g at a.go:3:5\n") {
		t.Errorf("with -apply and two fixes that overlap: a.go is\n%s\noutput:\n%s", got, out.String())
	}
	if err := os.WriteFile(name, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := output(res(), false, "text", "", &out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); string(got) != string(src) || strings.Contains(out.String(), "applied") {
		t.Errorf("without -apply: a.go is\n%s\noutput:\n%s", got, out.String())
	}
	out.Reset()
	if err := output(res(), true, "text", "", &out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); string(got) != "package a\n\nvar x = 2\n" || !strings.HasSuffix(out.String(), "\napplied to the tree: a.go\n") || strings.Contains(out.String(), "left out") {
		t.Errorf("with -apply: a.go is\n%s\noutput:\n%s", got, out.String())
	}
	// a.go is no longer what verify read.
	if err := output(res(), true, "json", "", &out); err == nil || err.Error() != "-apply: a.go changed since verify read it: nothing written" {
		t.Errorf("-apply to a changed file: %v", err)
	}

	file := filepath.Join(dir, "out.json")
	out.Reset()
	if err := output(res(), false, "json", file, &out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(file); out.Len() > 0 || !strings.HasPrefix(string(got), "{\n\t\"machine\": {") {
		t.Errorf("-o %s: stdout %q, the file:\n%s", file, out.String(), got)
	}
	if err := output(res(), false, "json", filepath.Join(dir, "none", "out.json"), &out); err == nil {
		t.Errorf("-o into no directory: no error")
	}
}

func TestValue(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		unit string
		want string
	}{
		{2.5, "sec/op", "2.5s"},
		{1, "sec/op", "1s"},
		{0.999, "sec/op", "999ms"},
		{1e-3, "sec/op", "1ms"},
		{4.2e-5, "sec/op", "42µs"},
		{1e-6, "sec/op", "1µs"},
		{9.99e-7, "sec/op", "999ns"},
		{1.85e-8, "sec/op", "18.5ns"},
		{32, "B/op", "32"},
		{0.5, "allocs/op", "0.5"},
	} {
		if got := value(tc.v, tc.unit); got != tc.want {
			t.Errorf("value(%g, %s) = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
}

func TestTail(t *testing.T) {
	var lines []string
	for i := 1; i <= 32; i++ {
		lines = append(lines, "line "+strings.Repeat("x", i%3))
	}
	text := strings.Join(lines, "\n") + "\n\n"
	if got, want := tail(text, 30), "... (2 lines before)\n"+strings.Join(lines[2:], "\n")+"\n"; got != want {
		t.Errorf("32 lines, the last 30:\n%s\nwant:\n%s", got, want)
	}
	if got, want := tail(strings.Join(lines[:30], "\n"), 30), strings.Join(lines[:30], "\n")+"\n"; got != want {
		t.Errorf("30 lines, all:\n%s", got)
	}
}

func TestIndent(t *testing.T) {
	if got, want := indent("a\n\n\tb\nc", "  "), "  a\n\n  \tb\n  c"; got != want {
		t.Errorf("indent = %q, want %q (a blank line stays blank)", got, want)
	}
}
