package verify

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnsafeFinding(t *testing.T) {
	fd := Finding{Name: "S.state", Verdict: "", Why: ""}
	if got := unsafe(fd, nil); got.Verdict != "" || got.Why != "" || got.Failure != nil {
		t.Errorf("no failure: %+v", got)
	}
	got := unsafe(fd, &Failure{Step: "vet", Output: "a.go:3: bad"})
	if got.Verdict != VerdictUnsafe || got.Why != "with the fix, vet fails (its output follows); the original passes" ||
		got.Failure == nil || got.Failure.Output != "a.go:3: bad" || got.Name != "S.state" {
		t.Errorf("vet fails: %+v", got)
	}
}

func TestPaths(t *testing.T) {
	if got := paths(nil); got != nil {
		t.Errorf("paths(nil) = %v", got)
	}
	got := paths([]*listedPkg{{ImportPath: "m/b"}, {ImportPath: "m/a"}})
	if strings.Join(got, " ") != "m/b m/a" {
		t.Errorf("paths: %v, want m/b m/a", got)
	}
}

func TestShape(t *testing.T) {
	want := `package lexer

import "testing"

func BenchmarkLexer(b *testing.B) {
	for b.Loop() {
		m := new(Lexer) // set it up as your program does
		for i := 0; i < 1000; i++ { // or until it is done
			m.Next(/* its input */)
		}
	}
}
`
	if got := shape(&fix{pkgName: "lexer", structNm: "Lexer", steps: []string{"Next", "Feed"}}); got != want {
		t.Errorf("shape:\n%s\nwant:\n%s", got, want)
	}
	got := shape(&fix{pkgName: "lexer", structNm: "Lexer"})
	if !strings.Contains(got, "\t\t\tm.Step(/* its input */)\n") {
		t.Errorf("shape without a step method:\n%s", got)
	}
}

func TestNoBenchmark(t *testing.T) {
	aff := []*listedPkg{{ImportPath: "m/a"}, {ImportPath: "m/b"}}
	v := &verifier{opts: options{bench: "Lex"}}
	if got, want := v.noBenchmark(aff), "safe (build, vet and tests pass with the fix), but -bench Lex matches no benchmark in m/a, m/b"; got != want {
		t.Errorf("with -bench: %q, want %q", got, want)
	}
	v = &verifier{}
	if got, want := v.noBenchmark(aff), "safe (build, vet and tests pass with the fix), but no benchmark of m/a, m/b has samples in the machine's switch; a benchmark of the shape below would measure it"; got != want {
		t.Errorf("without -bench: %q, want %q", got, want)
	}
}

// TestWithFix: the fix is in the copy while do runs, the original after;
// a failure to put the original back is an error, unless do's comes first.
func TestWithFix(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.go")
	f := &fix{files: []fixedFile{{path: name, before: []byte("before"), after: []byte("after")}}}
	v := &verifier{}
	var during string
	failure, err := v.withFix(f, func() (*Failure, error) {
		b, _ := os.ReadFile(name)
		during = string(b)
		return &Failure{Step: "test"}, nil
	})
	if after, _ := os.ReadFile(name); during != "after" || string(after) != "before" || err != nil || failure == nil || failure.Step != "test" {
		t.Errorf("during %q, after %q, failure %+v, err %v", during, after, failure, err)
	}

	// do removes the directory: the original cannot be put back.
	gone := func() (*Failure, error) { return nil, os.RemoveAll(dir) }
	if _, err := v.withFix(f, gone); err == nil || !strings.HasPrefix(err.Error(), "writing "+name+": ") {
		t.Errorf("restoring into a removed directory: %v", err)
	}
	doErr := errors.New("go test: interrupted")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	first := func() (*Failure, error) { os.RemoveAll(dir); return nil, doErr }
	if _, err := v.withFix(f, first); err != doErr {
		t.Errorf("do's error and restore's: %v, want do's", err)
	}
	// The fix cannot be written: do does not run.
	ran := false
	if _, err := v.withFix(f, func() (*Failure, error) { ran = true; return nil, nil }); err == nil || ran {
		t.Errorf("writing the fix into a removed directory: %v, do ran %v", err, ran)
	}
}
