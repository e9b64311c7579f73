package govet

import (
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestVetVariants(t *testing.T) {
	p := &packages.Package{ID: "m/p", PkgPath: "m/p", Name: "p"}
	pTest := &packages.Package{ID: "m/p [m/p.test]", PkgPath: "m/p", Name: "p", ForTest: "m/p"}
	pXTest := &packages.Package{ID: "m/p_test [m/p.test]", PkgPath: "m/p_test", Name: "p_test", ForTest: "m/p"}
	pMain := &packages.Package{ID: "m/p.test", PkgPath: "m/p.test", Name: "main"}
	q := &packages.Package{ID: "m/q", PkgPath: "m/q", Name: "q"}
	qXTest := &packages.Package{ID: "m/q_test [m/q.test]", PkgPath: "m/q_test", Name: "q_test", ForTest: "m/q"}
	cmd := &packages.Package{ID: "m/cmd", PkgPath: "m/cmd", Name: "main"}
	got := Variants([]*packages.Package{pMain, q, pXTest, p, cmd, pTest, qXTest})
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	// p is replaced by p [p.test]; q has only external tests, so q itself
	// is analysed; the test main never is; a main package is.
	want := []string{"m/cmd", "m/p [m/p.test]", "m/p_test [m/p.test]", "m/q", "m/q_test [m/q.test]"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("Variants = %v, want %v", ids, want)
	}
}

func TestPosn(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, c := range []struct {
		p    token.Position
		want string
	}{
		{token.Position{Filename: filepath.Join(dir, "a", "b.go"), Line: 3, Column: 4}, "a/b.go:3:4"},
		{token.Position{Filename: filepath.Join(dir+"x", "b.go"), Line: 3, Column: 4}, dir + "x/b.go:3:4"}, // a sibling that shares the prefix
		{token.Position{Filename: "/elsewhere/c.go", Line: 1}, "/elsewhere/c.go:1"},
		{token.Position{}, "-"},
	} {
		if got := Posn(c.p); got != c.want {
			t.Errorf("Posn(%v) = %s, want %s", c.p, got, c.want)
		}
	}
	os.Remove(dir) // the working directory may vanish: names are kept as they are
}

// TestErrorText: go list's errors are printed at their position, relative
// to the working directory as findings are, or alone without one.
func TestErrorText(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		e    packages.Error
		want string
	}{
		{packages.Error{Pos: filepath.Join(wd, "a.go") + ":3:23", Msg: "cannot use"}, "a.go:3:23: cannot use"},
		{packages.Error{Pos: "/elsewhere/a.go:1:2", Msg: "m"}, "/elsewhere/a.go:1:2: m"},
		{packages.Error{Pos: "-", Msg: "no Go files"}, "no Go files"},
		{packages.Error{Msg: "missing module"}, "missing module"},
	} {
		if got := ErrorText(c.e); got != c.want {
			t.Errorf("ErrorText(%+v) = %q, want %q", c.e, got, c.want)
		}
	}
}

// TestPackageErrors: with a syntax error, each file's first and a count of
// the lines after it with one, and no type error; otherwise every error.
func TestPackageErrors(t *testing.T) {
	parse := func(pos, msg string) packages.Error {
		return packages.Error{Pos: pos, Msg: msg, Kind: packages.ParseError}
	}
	typ := packages.Error{Pos: "a.go:4:5", Msg: "not used", Kind: packages.TypeError}
	list := packages.Error{Msg: "no Go files", Kind: packages.ListError}
	for _, c := range []struct {
		errs []packages.Error
		want []string
	}{
		{[]packages.Error{typ, list}, []string{"a.go:4:5: not used", "no Go files"}},
		{
			[]packages.Error{parse("a.go:4:13", "expected ')'"), parse("a.go:5:2", "x"), parse("a.go:5:3", "y"),
				parse("b.go:1:1", "z"), parse("a.go:6:3", "w"), typ},
			[]string{"a.go:4:13: expected ')' (and 2 more errors)", "b.go:1:1: z"},
		},
		{[]packages.Error{parse("a.go:7", "one")}, []string{"a.go:7: one"}},
	} {
		if got := PackageErrors(c.errs); !reflect.DeepEqual(got, c.want) {
			t.Errorf("PackageErrors(%v) = %q, want %q", c.errs, got, c.want)
		}
	}
}
