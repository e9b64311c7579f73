package edit

import (
	"go/format"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestApply(t *testing.T) {
	src := []byte("hello, world\n")
	for _, c := range []struct {
		name  string
		edits []Edit
		want  string
		err   string
	}{
		{"none", nil, "hello, world\n", ""},
		{"replace", []Edit{Replace(0, 5, "goodbye")}, "goodbye, world\n", ""},
		{"in any order", []Edit{Delete(5, 6), Insert(0, ">"), Replace(7, 12, "gophers")}, ">hello gophers\n", ""},
		{"insert at the end of a replaced range", []Edit{Replace(0, 5, "hi"), Insert(5, "!")}, "hi!, world\n", ""},
		{"two inserts at one offset keep their order", []Edit{Insert(0, "a"), Insert(0, "b")}, "abhello, world\n", ""},
		{"at the very end", []Edit{Insert(13, "!\n")}, "hello, world\n!\n", ""},
		{"overlap", []Edit{Replace(0, 6, "x"), Replace(5, 7, "y")}, "", "overlap"},
		{"past the end", []Edit{Replace(10, 14, "x")}, "", "outside the 13 bytes"},
		{"backwards", []Edit{Replace(5, 4, "x")}, "", "outside"},
		{"negative", []Edit{Insert(-1, "x")}, "", "outside"},
	} {
		got, err := Apply(src, c.edits)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: Apply error %v, want one saying %q", c.name, err, c.err)
		case c.err == "" && (err != nil || string(got) != c.want):
			t.Errorf("%s: Apply = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	if string(src) != "hello, world\n" {
		t.Errorf("Apply changed its input: %q", src)
	}
}

func TestOverlaps(t *testing.T) {
	e := Replace(10, 20, "x")
	for _, c := range []struct {
		o    Edit
		want bool
	}{
		{Replace(0, 10, ""), false},
		{Replace(20, 25, ""), false},
		{Insert(20, ""), false},
		{Replace(19, 25, ""), true},
		{Replace(0, 11, ""), true},
		{Replace(12, 13, ""), true},
		{Insert(10, ""), true},
		{Insert(15, ""), true},
	} {
		if got := e.Overlaps(c.o); got != c.want {
			t.Errorf("%v overlaps %v: %v, want %v", e, c.o, got, c.want)
		}
		if got := c.o.Overlaps(e); got != c.want {
			t.Errorf("%v overlaps %v: %v, want %v (not symmetric)", c.o, e, got, c.want)
		}
	}
}

func TestFromAnalysis(t *testing.T) {
	fset := token.NewFileSet()
	a := fset.AddFile("a.go", -1, 100)
	b := fset.AddFile("b.go", -1, 50)
	got, err := FromAnalysis(fset, []analysis.TextEdit{
		{Pos: a.Pos(3), End: a.Pos(7), NewText: []byte("x")},
		{Pos: b.Pos(0), NewText: []byte("y")}, // no End: an insertion
		{Pos: a.Pos(100), End: a.Pos(100), NewText: []byte("z")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got["a.go"]) != 2 || got["a.go"][0] != Replace(3, 7, "x") || got["a.go"][1] != Insert(100, "z") || got["b.go"][0] != Insert(0, "y") {
		t.Errorf("FromAnalysis = %v", got)
	}
	if _, err := FromAnalysis(fset, []analysis.TextEdit{{Pos: a.Pos(90), End: b.Pos(1)}}); err == nil {
		t.Error("an edit spanning two files: no error")
	}
	if _, err := FromAnalysis(fset, []analysis.TextEdit{{Pos: a.Pos(9), End: a.Pos(8)}}); err == nil {
		t.Error("an edit ending before it starts: no error")
	}
	if _, err := FromAnalysis(fset, []analysis.TextEdit{{Pos: token.Pos(1 << 30)}}); err == nil {
		t.Error("an edit outside every file: no error")
	}
}

func TestDiff(t *testing.T) {
	before := []byte("a\nb\nc\nd\ne\n")
	after := []byte("a\nb\nC\nd\ne\n")
	want := "--- f.go (before)\n+++ f.go (after)\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n"
	if got := Diff("f.go", before, after, 1); got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	if got := Diff("f.go", before, before, 3); got != "" {
		t.Errorf("Diff of equal texts = %q, want nothing", got)
	}
}

func TestLines(t *testing.T) {
	for _, c := range []struct {
		name, before, after string
		edits               int
	}{
		{"same", "a\nb\n", "a\nb\n", 0},
		{"a line changed", "a\nb\nc\n", "a\nB\nc\n", 1},
		{"lines added and removed", "a\nb\nc\nd\n", "x\na\nc\nd\ny\n", 3},
		{"no final newline", "a\nb", "a\nc", 1},
		{"newline added at the end", "a\nb", "a\nb\n", 1},
		{"from nothing", "", "a\n", 1},
		{"to nothing", "a\nb\n", "", 1},
		{"not ASCII", "é\n𝒶\n", "é\n𝒶𝒶\n", 1},
	} {
		edits := Lines([]byte(c.before), []byte(c.after))
		got, err := Apply([]byte(c.before), edits)
		if err != nil || string(got) != c.after {
			t.Errorf("%s: applying %v gives %q, %v; want %q", c.name, edits, got, err, c.after)
		}
		if len(edits) != c.edits {
			t.Errorf("%s: %d edits %v, want %d", c.name, len(edits), edits, c.edits)
		}
		for i, e := range edits {
			if i > 0 && e.Start < edits[i-1].End {
				t.Errorf("%s: edits %v out of order", c.name, edits)
			}
		}
	}
}

// TestImports: a file's name for an import path (its own name, the one
// the import gives, "" for a dot import, none for a blank one), and the
// edits that add imports: into the last import block, in the standard
// library's group, sorted; else after the last import declaration or the
// package clause.
func TestImports(t *testing.T) {
	const src = "package p\n\nimport (\n\t\"strings\"\n\tit \"iter\"\n\t. \"maps\"\n\t_ \"embed\"\n)\n\nvar _ = strings.Cut\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path, name, want string
		ok               bool
	}{
		{"strings", "strings", "strings", true},
		{"iter", "iter", "it", true},
		{"maps", "maps", "", true},
		{"embed", "embed", "", false},
		{"slices", "slices", "", false},
	} {
		if got, ok := ImportName(f, c.path, c.name); got != c.want || ok != c.ok {
			t.Errorf("ImportName(%q) = %q, %v; want %q, %v", c.path, got, ok, c.want, c.ok)
		}
	}
	if edits := Imports(f, nil); edits != nil {
		t.Errorf("Imports of nothing: %v", edits)
	}
	for _, c := range []struct{ src, want string }{
		{src, strings.Replace(src, "\t\"strings\"", "\t\"cmp\"\n\t\"slices\"\n\t\"strings\"", 1)},
		{"package p\n\nvar x = 1\n", "package p\n\nimport \"slices\"\nimport \"cmp\"\n\nvar x = 1\n"},
		{"package p\n\nimport \"fmt\"\n", "package p\n\nimport \"fmt\"\n\nimport \"slices\"\nimport \"cmp\"\n"},
		// Into the standard library's group, not the others'; a comment
		// stays with its import.
		{
			"package p\n\nimport (\n\t\"bytes\" // b\n\n\t\"example.com/x\"\n)\n",
			"package p\n\nimport (\n\t\"bytes\" // b\n\t\"cmp\"\n\t\"slices\"\n\n\t\"example.com/x\"\n)\n",
		},
		{
			"package p\n\nimport (\n\t\"bytes\"\n\t// s\n\t\"sort\"\n)\n",
			"package p\n\nimport (\n\t\"bytes\"\n\t\"cmp\"\n\t\"slices\"\n\t// s\n\t\"sort\"\n)\n",
		},
		{
			"package p\n\nimport (\n\t\"example.com/x\"\n)\n",
			"package p\n\nimport (\n\t\"cmp\"\n\t\"slices\"\n\n\t\"example.com/x\"\n)\n",
		},
	} {
		f, err := parser.ParseFile(fset, "p.go", c.src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		byFile, err := FromAnalysis(fset, Imports(f, []string{"slices", "cmp"}))
		if err != nil {
			t.Fatal(err)
		}
		out, err := Apply([]byte(c.src), byFile["p.go"])
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != c.want {
			t.Errorf("Imports added:\n%s\nwant:\n%s", out, c.want)
		}
		if _, err := format.Source(out); err != nil {
			t.Errorf("Imports gave code that does not parse: %v\n%s", err, out)
		}
	}
}
