package lint

import (
	"bytes"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSortFindings(t *testing.T) {
	pos := func(file string, off, line int) token.Position {
		return token.Position{Filename: file, Offset: off, Line: line, Column: 1}
	}
	a := finding{analyzer: "x", message: "m", posn: pos("a.go", 50, 3), pkgID: "p [p.test]"}
	aDup := a
	aDup.pkgID = "p" // the same finding from another package variant
	b := finding{analyzer: "x", message: "m", posn: pos("a.go", 9, 1)}
	c := finding{analyzer: "x", message: "n", posn: pos("a.go", 9, 1)}
	d := finding{analyzer: "w", message: "z", posn: pos("a.go", 9, 1)}
	e := finding{analyzer: "a", message: "a", posn: pos("b.go", 1, 1)}
	got := sortFindings([]finding{e, a, c, aDup, b, d})
	want := []finding{d, b, c, aDup, e}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sortFindings:\n%+v\nwant\n%+v", got, want)
	}
}

func TestPrintText(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	file := filepath.Join(dir, "sub", "f.go")
	os.MkdirAll(filepath.Dir(file), 0o755)
	os.WriteFile(file, []byte("one\ntwo\nthree\nfour\n"), 0o644)
	at := func(line int) token.Position { return token.Position{Filename: file, Line: line, Column: 2} }
	fs := []finding{{
		posn: at(2), end: at(3), message: "msg",
		related: []related{{posn: at(4), message: "rel"}, {posn: token.Position{Filename: "/elsewhere/g.go", Line: 1, Column: 1}, message: "far"}},
	}}
	var b bytes.Buffer
	printText(&b, fs, -1)
	want := "sub/f.go:2:2: msg\nsub/f.go:4:2: \trel\n/elsewhere/g.go:1:1: \tfar\n"
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	printText(&b, fs, 1)
	want = "sub/f.go:2:2: msg\n1\tone\n2\ttwo\n3\tthree\n4\tfour\nsub/f.go:4:2: \trel\n/elsewhere/g.go:1:1: \tfar\n"
	if b.String() != want {
		t.Errorf("text with -c 1:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestPrintJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := printJSON(&b, nil); err != nil || b.String() != "{}\n" {
		t.Errorf("printJSON(nil) = %q, %v; want {}", b.String(), err)
	}
}

// TestContextLastLine: the context of a finding on a file's last line,
// with no newline after it, shows that line.
func TestContextLastLine(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f.go")
	os.WriteFile(file, []byte("a\nb"), 0o644)
	var b bytes.Buffer
	at := token.Position{Filename: file, Line: 2, Column: 1}
	printContext(&b, at, at, 0)
	if b.String() != "2\tb\n" {
		t.Errorf("context = %q, want the last line", b.String())
	}
}
