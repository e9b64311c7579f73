package verify

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/analyzer"
	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/lint"
)

// genFixture copies testdata/verify/gen to a temporary directory, with
// its PGO profile beside it (outside the module; a CPU profile of its
// benchmarks, go test -run '^$' -bench . -cpu 1 -cpuprofile, which,
// given, lets the PGO builds of the standard library come from the build
// cache after the first run), makes the module the
// working directory and another temporary directory TMPDIR (where the
// scratch copies go), and returns both.
func genFixture(t *testing.T) (dir, tmp string) {
	t.Helper()
	prof, err := os.ReadFile(abs(t, "../testdata/verify/gen.pprof"))
	if err != nil {
		t.Fatal(err)
	}
	dir = fixture(t, abs(t, "../testdata/verify/gen"))
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "gen.pprof"), prof, 0o644); err != nil {
		t.Fatal(err)
	}
	tmp = t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return dir, tmp
}

// readTree reads every file below dir, by path relative to it.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGenerators verifies the generator fixture as a user would, with
// -apply: a channel generator and an iter.Pull loop of one package, each
// measured by the one benchmark whose probe has samples at its sites (the
// package's other benchmark runs the other), checked and judged as a
// state machine's fix is. Both rewrites are 20-300 times faster: each
// gets a verdict that says the fix pays, -apply writes both, and the
// tree then builds, vets and passes its tests. What -apply wrote, and
// each finding's diff, is the generator analyzer's fix as fsmvet -fix
// writes it.
func TestGenerators(t *testing.T) {
	src := abs(t, "../testdata/verify/gen")
	dir, tmp := genFixture(t)
	before := readTree(t, dir)
	res := verifyJSON(t, "-profile=../gen.pprof", "-count=6", "-benchtime=100x", "-profiletime=300ms", "-apply", "./...")
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	if len(res.Findings) != 2 {
		t.Fatalf("%d findings, want 2: %+v", len(res.Findings), res.Findings)
	}
	for i, want := range []struct{ name, kind, posn, bench, file string }{
		{"iter.Pull(slices.Values(xs))", "iter.Pull loop", "text/sum.go:11:16", "Sum", "text/sum.go"},
		{"words", "channel generator", "text/words.go:9:6", "Words", "text/words.go"},
	} {
		f := res.Findings[i]
		if f.Name != want.name || f.Kind != want.kind || f.Posn != want.posn || f.Package != "example.com/gen/text" || f.States != 0 ||
			strings.Join(f.Tested, " ") != "example.com/gen/text" || f.PGOProfile != "given: ../gen.pprof" || f.Shape != "" {
			t.Errorf("finding %d: %s %q at %s in %s, %d states, tested %v, PGO %q; want %+v", i, f.Kind, f.Name, f.Posn, f.Package, f.States, f.Tested, f.PGOProfile, want)
		}
		if len(f.Benchmarks) != 1 || f.Benchmarks[0].Name != want.bench {
			t.Fatalf("%s: measured by %+v, want %s alone", f.Name, f.Benchmarks, want.bench)
		}
		checkFixPays(t, f)
		// The diff is what -apply wrote, in the fix's one file.
		if after := readTree(t, dir)[want.file]; f.Diff != edit.Diff(want.file, []byte(before[want.file]), []byte(after), 2) || f.Diff == "" {
			t.Errorf("%s: the diff\n%s\nis not what -apply wrote to %s:\n%s", f.Name, f.Diff, want.file, after)
		}
	}
	if strings.Join(res.Applied, " ") != "text/sum.go text/words.go" {
		t.Errorf("applied %v, want text/sum.go and text/words.go", res.Applied)
	}

	// fsmvet -fix on another copy of the fixture writes the same tree.
	fixed := fixture(t, src)
	var stdout, stderr bytes.Buffer
	if code := lint.Main([]string{"-fix", "./..."}, analyzer.Suite(), &stdout, &stderr); code != 0 {
		t.Fatalf("fsmvet -fix: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	applied, byFix := readTree(t, dir), readTree(t, fixed)
	for name, text := range byFix {
		if applied[name] != text {
			t.Errorf("%s: -apply wrote\n%s\nfsmvet -fix writes\n%s", name, applied[name], text)
		}
	}
	if len(applied) != len(byFix) {
		t.Errorf("-apply left %d files, fsmvet -fix %d", len(applied), len(byFix))
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s on the applied tree: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	var text bytes.Buffer
	if err := res.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"\n1. iter.Pull(slices.Values(xs)) at text/sum.go:11:16 (iter.Pull loop)\n",
		"\n2. words at text/words.go:9:6 (channel generator)\n",
	} {
		if !strings.Contains(text.String(), line) {
			t.Errorf("the text lacks %q:\n%s", line, text.String())
		}
	}
}

// checkFixPays checks a measured finding whose fix is many times faster:
// the fix's time ratio, alone and on top of PGO, is under 0.5 with its
// whole interval below 1, and the verdict says the fix pays: rewrite, or
// rewrite + PGO when PGO alone was also significantly faster, which a
// generator's benchmark can be (PGO inlines the code around the hand-off).
func checkFixPays(t *testing.T, f Finding) {
	t.Helper()
	b := f.Benchmarks[0]
	for _, pair := range [][2]string{{buildFix, buildOriginal}, {buildFixPGO, buildPGO}} {
		c, ok := b.comparison(pair[0], pair[1], "sec/op")
		if !ok || c.Ratio == nil || c.Ratio.Center >= 0.5 || c.Ratio.Hi >= 1 || c.Delta != "faster" {
			t.Errorf("%s: %s/%s %+v, want under 0.5, wholly below 1, faster", f.Name, pair[0], pair[1], c)
		}
	}
	want := VerdictRewrite
	if c, _ := b.comparison(buildPGO, buildOriginal, "sec/op"); c.Delta == "faster" {
		want = VerdictRewritePGO
	}
	if f.Verdict != want {
		t.Errorf("%s: verdict %q, want %q: %s", f.Name, f.Verdict, want, f.Why)
	}
}
