package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// fsmvet is the binary under test, built once by TestMain.
var fsmvet string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fsmvet-bin")
	if err != nil {
		panic(err)
	}
	fsmvet = filepath.Join(dir, "fsmvet")
	if out, err := exec.Command("go", "build", "-o", fsmvet, ".").CombinedOutput(); err != nil {
		panic("building fsmvet: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// tempModule writes a module outside this repository holding the fixture
// packages named, each copied from testdata/src, with the package escape
// their tests import (as example.com/m/escape).
func tempModule(t *testing.T, pkgs ...string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	for _, pkg := range append(pkgs, "escape") {
		src := filepath.Join("..", "..", "testdata", "src", pkg)
		files, err := filepath.Glob(filepath.Join(src, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("fixture %s: no Go files (%v)", pkg, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src := strings.ReplaceAll(string(data), `"escape"`, `"example.com/m/escape"`)
			write(t, filepath.Join(dir, pkg, filepath.Base(f)), src)
		}
	}
	return dir
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs name with args in dir and returns its combined output and exit
// code; it fails the test if the command could not start.
func run(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("%s %v: %v", name, args, err)
	return "", 0
}

const readStateFinding = "machine/machine.go:24:2: state machine frameReader.state (readState, 3 states) is dispatched by this switch in (*frameReader).Poll; fix: "

func TestStandalone(t *testing.T) {
	dir := tempModule(t, "machine", "negative")
	out, code := run(t, dir, fsmvet, "./...")
	if code != 3 {
		t.Errorf("fsmvet ./... exited %d, want 3 (diagnostics reported)\n%s", code, out)
	}
	if !strings.Contains(out, readStateFinding) {
		t.Errorf("fsmvet ./... output lacks %q:\n%s", readStateFinding, out)
	}
	if strings.Contains(out, "negative/") {
		t.Errorf("fsmvet reported in the negative fixture:\n%s", out)
	}
}

// jsonTree is fsmvet -json's output: package -> analyzer -> diagnostics
// (or {"error": ...}).
type jsonTree map[string]map[string]json.RawMessage

type jsonDiag struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
	Related []struct {
		Posn, Message string
	} `json:"related"`
	Fixes []struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	} `json:"suggested_fixes"`
}

// fixOutcome counts what happened to the fixes fsmvet offered.
type fixOutcome struct{ offered, compiled, passed int }

// checkFixes applies each fix in diags on its own, through a go build
// overlay (the files on disk are not touched, so this works on GOROOT),
// then builds and tests the package. pkgs maps a fixed file's directory
// to its import path.
func checkFixes(t *testing.T, dir string, diags []jsonDiag, pkgOf func(file string) string) fixOutcome {
	var out fixOutcome
	for _, d := range diags {
		for _, fix := range d.Fixes {
			out.offered++
			overlay := map[string]string{}
			edited := applyEdits(t, fix.Edits)
			tmp := t.TempDir()
			for file, data := range edited {
				replacement := filepath.Join(tmp, filepath.Base(file))
				if err := os.WriteFile(replacement, data, 0o644); err != nil {
					t.Fatal(err)
				}
				overlay[file] = replacement
			}
			cfg, _ := json.Marshal(map[string]any{"Replace": overlay})
			ovl := filepath.Join(tmp, "overlay.json")
			if err := os.WriteFile(ovl, cfg, 0o644); err != nil {
				t.Fatal(err)
			}
			pkg := pkgOf(d.Posn)
			if o, code := run(t, dir, "go", "build", "-overlay="+ovl, pkg); code != 0 {
				t.Errorf("fix %q at %s does not build:\n%s", fix.Message, d.Posn, o)
				continue
			}
			out.compiled++
			if o, code := run(t, dir, "go", "test", "-count=1", "-overlay="+ovl, pkg); code != 0 {
				t.Errorf("fix %q at %s fails %s's tests:\n%s", fix.Message, d.Posn, pkg, tail(o))
				continue
			}
			out.passed++
		}
	}
	return out
}

type jsonEdit = struct {
	Filename   string `json:"filename"`
	Start, End int
	New        string `json:"new"`
}

// applyEdits returns the new content of every file the edits touch.
func applyEdits(t *testing.T, edits []jsonEdit) map[string][]byte {
	byFile := map[string][]edit.Edit{}
	for _, e := range edits {
		byFile[e.Filename] = append(byFile[e.Filename], edit.Replace(e.Start, e.End, e.New))
	}
	out := map[string][]byte{}
	for file, es := range byFile {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if out[file], err = edit.Apply(src, es); err != nil {
			t.Fatalf("applying a fix to %s: %v", file, err)
		}
	}
	return out
}

func TestJSON(t *testing.T) {
	dir := tempModule(t, "machine")
	out, code := run(t, dir, fsmvet, "-json", "./...")
	if code != 0 {
		t.Fatalf("fsmvet -json exited %d\n%s", code, out)
	}
	var tree map[string]map[string][]jsonDiag
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("fsmvet -json printed invalid JSON: %v\n%s", err, out)
	}
	// As go vet does, fsmvet analyses a package with tests in its test
	// variant, and names it so.
	diags := tree["example.com/m/machine [example.com/m/machine.test]"]["fsmswitch"]
	if len(diags) != 3 { // the generic Batcher has no fix
		t.Fatalf("got %d fsmswitch diagnostics in machine, want 3:\n%s", len(diags), out)
	}
	first := diags[0]
	if !strings.HasSuffix(first.Posn, "machine.go:24:2") || len(first.Related) != 1 || first.Related[0].Message != "state type readState" {
		t.Errorf("first diagnostic = %+v; want it at machine.go:24:2 with one related position, its type", first)
	}
	// Each fix, applied alone, builds and keeps the package's tests passing.
	got := checkFixes(t, dir, diags, func(string) string { return "./machine" })
	if got != (fixOutcome{3, 3, 3}) {
		t.Errorf("fixes offered, compiled, passing: %+v; want 3 of each", got)
	}
}

func TestVetTool(t *testing.T) {
	dir := tempModule(t, "machine", "negative")
	out, code := run(t, dir, "go", "vet", "-vettool="+fsmvet, "./...")
	if code != 1 {
		t.Errorf("go vet -vettool exited %d, want 1 (diagnostics)\n%s", code, out)
	}
	if !strings.Contains(out, readStateFinding) {
		t.Errorf("go vet -vettool output lacks %q:\n%s", readStateFinding, out)
	}
	// Analyzer flags pass through go vet.
	out, _ = run(t, dir, "go", "vet", "-vettool="+fsmvet, "-fsmswitch.destructors=Stop", "-fsmswitch.blocked", "./machine")
	if strings.Contains(out, "destructor switch in (*conn).Close") {
		t.Errorf("-fsmswitch.destructors=Stop still treats Close as a destructor:\n%s", out)
	}
	if !strings.Contains(out, "a second switch on the field in (*conn).Close") {
		t.Errorf("with Close not a destructor, its switch should block the rewrite:\n%s", out)
	}
}

// TestFixTool runs go fix -fixtool=fsmvet on a module holding the fixture
// machines: every fix is applied, and the module still builds, passes go
// vet and passes the fixtures' own tests. The blocked fixture's machines
// are blocked in the transition-pointer form, which the flag asks for.
func TestFixTool(t *testing.T) {
	pkgs := []string{"machine", "fixes", "blocked"}
	dir := tempModule(t, pkgs...)
	if out, code := run(t, dir, "go", "test", "./..."); code != 0 {
		t.Fatalf("fixture module fails its tests before the fix:\n%s", out)
	}
	read := func(pkg, file string) string {
		data, err := os.ReadFile(filepath.Join(dir, pkg, file))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	blockedBefore := read("blocked", "blocked.go")
	if out, code := run(t, dir, "go", "fix", "-fixtool="+fsmvet, "-fsmswitch.form=pointer", "./..."); code != 0 {
		t.Fatalf("go fix -fixtool exited %d\n%s", code, out)
	}
	// go fix applies what the analysistest golden files expect.
	for _, pkg := range []string{"machine", "fixes"} {
		file := filepath.Base(pkg) + ".go"
		golden, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", pkg, file+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := gofmt(t, read(pkg, file)), gofmt(t, string(golden)); got != want {
			t.Errorf("go fix made %s/%s differ from its golden file:\n%s", pkg, file, got)
		}
	}
	if read("blocked", "blocked.go") != blockedBefore {
		t.Errorf("go fix changed blocked machines, which have no fix")
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
		if out, code := run(t, dir, "go", args...); code != 0 {
			t.Errorf("after go fix, go %s fails:\n%s", strings.Join(args, " "), out)
		}
	}
}

func TestWhole(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "whole")
	out, code := run(t, dir, fsmvet, "whole", "-json", "./...")
	if code != 0 {
		t.Fatalf("fsmvet whole -json exited %d, want 0 (findings are data under -json)\n%s", code, out)
	}
	var findings []struct{ Analyzer, Posn, Message string }
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("fsmvet whole -json: %v\n%s", err, out)
	}
	byAnalyzer := map[string]int{}
	for _, f := range findings {
		byAnalyzer[f.Analyzer]++
	}
	if byAnalyzer["pollloop"] != 3 || byAnalyzer["fsmswitch"] != 2 {
		t.Errorf("fsmvet whole: %v findings, want 3 pollloop and 2 fsmswitch:\n%s", byAnalyzer, out)
	}
	const run = "executor/executor.go:21:14"
	i := slices.IndexFunc(findings, func(f struct{ Analyzer, Posn, Message string }) bool { return f.Posn == run })
	if i < 0 {
		t.Fatalf("no finding at the executor loop, %s:\n%s", run, out)
	}
	if msg := findings[i].Message; !strings.Contains(msg, "tasks.*Sender (Sender.state, 3 states, fix offered), tasks.*Stepper") {
		t.Errorf("the executor loop at %s is not linked to the tasks package: %s", run, msg)
	}
}

// TestCgo: the driver analyses cgo's copies of a package's files; a
// machine there is reported at the user's source line, and no fix is
// offered, since edits would land in cgo's copy.
func TestCgo(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler for cgo")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/cg\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "m.go"), `package m

// #include <stdlib.h>
import "C"

type st int

const (
	stA st = iota
	stB
)

type mach struct{ s st }

func (m *mach) Step() int {
	switch m.s {
	case stA:
		m.s = stB
		return int(C.abs(-1))
	default:
		m.s = stA
	}
	return 0
}
`)
	out, code := run(t, dir, fsmvet, "-json", "-fsmswitch.blocked", "./...")
	var tree map[string]map[string][]jsonDiag
	if err := json.Unmarshal([]byte(out), &tree); code != 0 || err != nil {
		t.Fatalf("fsmvet -json on a cgo package: exit %d, %v\n%s", code, err, out)
	}
	diags := tree["example.com/cg"]["fsmswitch"]
	if len(diags) != 1 || !strings.HasSuffix(diags[0].Posn, string(filepath.Separator)+"m.go:16:2") ||
		!strings.Contains(diags[0].Message, `no fix: the package imports "C"`) || len(diags[0].Fixes) != 0 {
		t.Errorf("cgo package: %+v; want one blocked finding at m.go:16:2 with no fix", diags)
	}
}

func TestTypeErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/bad\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "bad.go"), "package bad\n\nfunc f() int { return \"x\" }\n")
	for _, args := range [][]string{{fsmvet, "./..."}, {"go", "vet", "-vettool=" + fsmvet, "./..."}, {fsmvet, "whole", "./..."}} {
		out, code := run(t, dir, args[0], args[1:]...)
		if code != 1 || !strings.Contains(out, "bad.go:3:23: cannot use \"x\"") || strings.Contains(out, "panic") {
			t.Errorf("%v on code that does not type-check: exit %d, want 1 and the error at bad.go:3:23:\n%s", args, code, out)
		}
		if args[0] == fsmvet && strings.Contains(out, dir) {
			t.Errorf("%v names files by absolute path, findings relative to the directory it runs in:\n%s", args, out)
		}
	}
}

// TestSyntaxErrors: as go vet, a file that does not parse gives its first
// syntax error and how many lines more have one, and no type errors (which
// would follow from it), in every mode.
func TestSyntaxErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/bad\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "bad.go"), "package bad\n\nfunc f() {\n\tif (1 == 1 {\n\t}\n}\n")
	const want = "bad.go:4:13: expected ')', found '{' (and 2 more errors)"
	for _, args := range [][]string{{fsmvet, "./..."}, {"go", "vet", "-vettool=" + fsmvet, "./..."}, {fsmvet, "whole", "./..."}} {
		out, code := run(t, dir, args[0], args[1:]...)
		if code != 1 || !strings.Contains(out, want) || strings.Contains(out, "is not used") || strings.Count(out, "bad.go:") != 1 {
			t.Errorf("%v on code that does not parse: exit %d, want 1 and one line, %s:\n%s", args, code, want, out)
		}
	}
}

// TestStd runs fsmvet over the whole standard library, as a user would,
// by default and with every finding widened, and fails on a panic or any
// driver or analysis error. It checks on real code what the policy and the
// one-line rule promise: by default, only machines with a fix and poll
// loops that reach one; in every mode, at most five related positions
// besides blockers. Every fix offered, applied alone to its package, must
// build and keep its tests passing. The findings are logged; docs/
// std-findings.md records and judges them.
func TestStd(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses all of std twice (about 30 s, 1 GB)")
	}
	goroot, code := run(t, ".", "go", "env", "GOROOT")
	if code != 0 {
		t.Fatalf("go env GOROOT: %s", goroot)
	}
	src := filepath.Join(strings.TrimSpace(goroot), "src")
	byDefault := stdFindings(t, src)
	widened := stdFindings(t, src, "-fsmswitch.blocked", "-pollloop.all", "-generator.all")
	var withFixes []jsonDiag
	for _, d := range byDefault {
		switch {
		case len(d.Fixes) > 0:
			withFixes = append(withFixes, d)
		case !strings.Contains(d.Message, "fix offered"):
			t.Errorf("%s: reported by default with no fix, reaching no machine with a fix: %s", d.Posn, d.Message)
		}
		if !slices.ContainsFunc(widened, func(w jsonDiag) bool { return w.Posn == d.Posn && w.Message == d.Message }) {
			t.Errorf("%s: reported by default but not with the widening flags: %s", d.Posn, d.Message)
		}
	}
	for _, d := range widened {
		if n := nonBlockerRelated(d); n > 5 {
			t.Errorf("%s: %d related positions besides blockers, want at most 5: %s", d.Posn, n, d.Message)
		}
	}
	t.Logf("findings on std: %d by default, %d widened", len(byDefault), len(widened))
	fixes := checkFixes(t, src, withFixes, func(posn string) string {
		file := posn[:strings.Index(posn, ".go:")+3]
		rel, _ := filepath.Rel(src, filepath.Dir(file))
		return "./" + filepath.ToSlash(rel)
	})
	t.Logf("fixes on std: %d offered, %d compiled, %d passing their package's tests", fixes.offered, fixes.compiled, fixes.passed)
}

// stdFindings runs fsmvet -json std with the flags, and returns its
// findings, failing the test on any error.
func stdFindings(t *testing.T, src string, flags ...string) []jsonDiag {
	t.Helper()
	cmd := exec.Command(fsmvet, append(append([]string{"-json"}, flags...), "std")...)
	cmd.Dir = src
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("fsmvet %v std: %v\n%s", flags, err, tail(stderr.String()))
	}
	var tree jsonTree
	if err := json.Unmarshal(stdout.Bytes(), &tree); err != nil {
		t.Fatalf("fsmvet -json %v std: invalid JSON: %v", flags, err)
	}
	var all []jsonDiag
	for pkg, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Errorf("%s: %s: %s", pkg, name, raw) // {"error": "..."}: a driver or analysis error
				continue
			}
			for _, d := range diags {
				t.Logf("%v %s: %s", flags, d.Posn, d.Message)
			}
			all = append(all, diags...)
		}
	}
	return all
}

// nonBlockerRelated counts the related positions of a finding that are
// not blockers (each blocker is a place to act on, and is kept).
func nonBlockerRelated(d jsonDiag) int {
	n := 0
	for _, r := range d.Related {
		if !strings.HasPrefix(r.Message, "blocks a rewrite: ") {
			n++
		}
	}
	return n
}

func gofmt(t *testing.T, src string) string {
	t.Helper()
	out, err := format.Source([]byte(src))
	if err != nil {
		t.Fatalf("gofmt: %v\n%s", err, src)
	}
	return string(out)
}

func tail(s string) string {
	if len(s) > 4000 {
		return "..." + s[len(s)-4000:]
	}
	return s
}

// TestProfileFlag takes a real CPU profile of the whole-program fixture's
// benchmark and checks what -profile and -hot do, standalone and through
// go vet, and that a file that is not a profile is one clear error.
func TestProfileFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a CPU profile")
	}
	dir, pprof := profiledProgram(t)
	// The executor package sees no task type: its loops are reported
	// with -pollloop.all only.
	out, code := run(t, dir, fsmvet, "-pollloop.all", "-profile", pprof, "-hot", "0", "./...")
	if code != 3 {
		t.Fatalf("fsmvet -profile exited %d\n%s", code, out)
	}
	loop := lineWith(out, "executor/executor.go:21:14")
	if !strings.Contains(loop, "% cum") || !strings.Contains(loop, "callees: tasks.(*") {
		t.Errorf("the executor loop's finding has no CPU share or callee mix: %q", loop)
	}
	if blockOn := lineWith(out, "executor/executor.go:11:13"); !strings.Contains(blockOn, "CPU 0% (not in the profile)") {
		t.Errorf("BlockOn never ran, yet: %q", blockOn)
	}
	// -hot keeps only the hot: the executor loop, not BlockOn.
	hot, _ := run(t, dir, fsmvet, "-pollloop.all", "-profile", pprof, "-hot", "5%", "./...")
	if lineWith(hot, "executor/executor.go:21:14") == "" || lineWith(hot, "executor/executor.go:11:13") != "" {
		t.Errorf("-hot 5%% should keep the executor loop and drop BlockOn:\n%s", hot)
	}
	vet, _ := run(t, dir, "go", "vet", "-vettool="+fsmvet, "-pollloop.all", "-profile="+pprof, "-hot=5%", "./...")
	if !strings.Contains(lineWith(vet, "executor/executor.go:21:14"), "% cum") || lineWith(vet, "executor/executor.go:11:13") != "" {
		t.Errorf("go vet -vettool does not pass -profile and -hot through:\n%s", vet)
	}
	bad := filepath.Join(t.TempDir(), "notes.pprof")
	write(t, bad, "not a profile\n")
	out, code = run(t, dir, fsmvet, "-profile", bad, "./...")
	if code != 1 || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "notes.pprof: not a readable pprof profile") {
		t.Errorf("a file that is not a profile: exit %d, want 1 and one line naming it:\n%s", code, out)
	}
}

// profiledProgram copies the whole-program fixture to a scratch directory
// and takes a real CPU profile of its benchmarks.
func profiledProgram(t *testing.T) (dir, pprof string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "whole"))); err != nil {
		t.Fatal(err)
	}
	pprof = filepath.Join(t.TempDir(), "cpu.pprof")
	if out, code := run(t, dir, "go", "test", "-run", "^$", "-bench", ".", "-benchtime", "400ms", "-cpuprofile", pprof,
		"-o", filepath.Join(t.TempDir(), "b.test"), "./bench"); code != 0 {
		t.Fatalf("profiling: %s", out)
	}
	return dir, pprof
}

// TestReportCommand runs 'fsmvet report' as the README says, in each
// format, and on bad input.
func TestReportCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a CPU profile")
	}
	dir, pprof := profiledProgram(t)
	text, code := run(t, dir, fsmvet, "report", "-profile", pprof, "./...")
	if code != 0 || !strings.Contains(lineWith(text, "   1 "), "executor/executor.go:21:14") {
		t.Errorf("fsmvet report: exit %d, want 0 and the executor loop ranked first:\n%s", code, text)
	}
	js, code := run(t, dir, fsmvet, "report", "-profile", pprof, "-format=json", "./...")
	var rep struct{ Findings []struct{ Rank int } }
	if err := json.Unmarshal([]byte(js), &rep); code != 0 || err != nil || len(rep.Findings) == 0 {
		t.Errorf("fsmvet report -format=json: exit %d, %v:\n%s", code, err, js)
	}
	page := filepath.Join(t.TempDir(), "r.html")
	if out, code := run(t, dir, fsmvet, "report", "-profile", pprof, "-format=html", "-o", page, "./..."); code != 0 {
		t.Errorf("fsmvet report -format=html: exit %d\n%s", code, out)
	} else if data, _ := os.ReadFile(page); !strings.Contains(string(data), `<svg id="chart"`) {
		t.Errorf("the HTML report has no chart")
	}
	if out, code := run(t, dir, fsmvet, "report", "./..."); code != 2 || !strings.Contains(out, "usage: fsmvet report") {
		t.Errorf("fsmvet report without -profile: exit %d, want 2 and the usage:\n%s", code, out)
	}
	heap := filepath.Join(t.TempDir(), "x.pprof")
	write(t, heap, "garbage")
	if out, code := run(t, dir, fsmvet, "report", "-profile", heap, "./..."); code != 1 || !strings.Contains(out, "x.pprof: not a readable pprof profile") {
		t.Errorf("fsmvet report on a bad profile: exit %d, want 1 naming the file:\n%s", code, out)
	}
}

// lineWith returns the first line of out containing s.
func lineWith(out, s string) string {
	for line := range strings.SplitSeq(out, "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}
