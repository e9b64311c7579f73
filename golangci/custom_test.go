package golangci

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// The files a user copies, shown by docs/golangci-lint.md.
const (
	golangciYML = "testdata/.golangci.yml"
	customYML   = "testdata/.custom-gcl.yml"
	buildScript = "testdata/build-custom-gcl.sh"
	vscode      = "testdata/vscode-settings.json"
)

// TestDocShowsTheFiles: the documentation shows the files the tests use,
// byte for byte.
func TestDocShowsTheFiles(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "golangci-lint.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{golangciYML, customYML, buildScript, vscode} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(doc, data) {
			t.Errorf("docs/golangci-lint.md does not show %s as it is:\n%s", name, data)
		}
	}
}

// TestGolangciLint builds golangci-lint v2.15.0 with the plugin both ways
// docs/golangci-lint.md gives, from golangci-lint's source on the module
// proxy: the build script (what 'golangci-lint custom' does, without its
// git clone), and then 'golangci-lint custom' itself, its clone redirected
// by git's url.<base>.insteadOf to a local repository of that source. It
// runs them on fixture modules with the documented .golangci.yml and
// compares their findings and fixes with fsmvet's own (-json) on the same
// code.
//
// It uses the default build and module caches. On the 2-core machine the
// tests run on (shared with other work), with both caches empty (every
// module downloaded; the standard library, golangci-lint and its linters
// compiled) 'go test -run TestGolangciLint ./golangci' took 6m7s, the
// build script 3m47s of it; with warm caches 1m52s, most of it go mod
// tidy and linking the two 50 MB binaries.
func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint twice")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	start := time.Now()
	if out, err := command(t, "", "sh", buildScript, root, bin); err != nil {
		t.Fatalf("%s: %v\n%s", buildScript, err, out)
	}
	t.Logf("%s: %s", buildScript, time.Since(start).Round(time.Second))
	gcl := filepath.Join(bin, "custom-gcl")
	fsmvet := filepath.Join(bin, "fsmvet")
	if out, err := command(t, root, "go", "build", "-o", fsmvet, "./cmd/fsmvet"); err != nil {
		t.Fatalf("building fsmvet: %v\n%s", err, out)
	}

	fixtures := func(t *testing.T) string {
		return fixtureModule(t, "machine", "fixes", "farfile", "blocked", "testreads")
	}
	whole := func(t *testing.T) string {
		dir := t.TempDir()
		copyTree(t, filepath.Join("..", "testdata", "whole"), dir)
		writeFile(t, filepath.Join(dir, ".golangci.yml"), readFile(t, golangciYML))
		return dir
	}
	t.Run("findings", func(t *testing.T) {
		dir := fixtures(t)
		want := expected(t, fsmvet, dir)
		// The fixtures must hold both kinds of fix: ones golangci-lint
		// applies, and farfile's, which edit two files and which it cannot.
		cannot := slices.ContainsFunc(want, func(s string) bool { return strings.Contains(s, "golangci-lint --fix cannot apply") })
		if countFixes(want) == 0 || !cannot {
			t.Errorf("the fixtures lack a fix golangci-lint can apply or one it cannot:\n%s", strings.Join(want, "\n"))
		}
		checkFindings(t, gcl, dir, want)
	})
	// The settings of the documented .golangci.yml, widened.
	widened := func(t *testing.T, dir string) {
		config := readFile(t, golangciYML)
		for _, flag := range []string{"blocked", "all"} {
			if !strings.Contains(config, flag+": false") {
				t.Fatalf("%s does not set %s: false", golangciYML, flag)
			}
			config = strings.Replace(config, flag+": false", flag+": true", 1)
		}
		writeFile(t, filepath.Join(dir, ".golangci.yml"), config)
	}
	t.Run("settings", func(t *testing.T) {
		dir := fixtures(t)
		narrow := expected(t, fsmvet, dir)
		widened(t, dir)
		want := expected(t, fsmvet, dir, "-fsmswitch.blocked", "-pollloop.all")
		if len(want) <= len(narrow) {
			t.Fatalf("the fixtures have no blocked machine or poll loop outside the default:\n%s", strings.Join(want, "\n"))
		}
		checkFindings(t, gcl, dir, want)
	})
	// testdata/whole: poll loops in one package, machines in another.
	t.Run("whole", func(t *testing.T) {
		dir := whole(t)
		want := expected(t, fsmvet, dir)
		if countFixes(want) == 0 {
			t.Errorf("no machine with a fix in testdata/whole:\n%s", strings.Join(want, "\n"))
		}
		checkFindings(t, gcl, dir, want)
		widened(t, dir)
		want = expected(t, fsmvet, dir, "-fsmswitch.blocked", "-pollloop.all")
		if !slices.ContainsFunc(want, func(s string) bool { return strings.Contains(s, "pollloop: poll loop") }) {
			t.Errorf("no poll loop in testdata/whole:\n%s", strings.Join(want, "\n"))
		}
		checkFindings(t, gcl, dir, want)
	})
	t.Run("fix", func(t *testing.T) {
		for _, dir := range []string{fixtures(t), whole(t)} {
			checkFix(t, gcl, fsmvet, dir)
		}
	})
	t.Run("bad settings", func(t *testing.T) {
		dir := fixtures(t)
		config := strings.Replace(readFile(t, golangciYML), "blocked: false", "blockd: false", 1)
		writeFile(t, filepath.Join(dir, ".golangci.yml"), config)
		out, err := command(t, dir, gcl, "run", "./...")
		const msg = `plugin(fsmvet): newPlugin fsmvet's fsmswitch has no setting "blockd"; its settings: blocked, destructors`
		var exit *exec.ExitError
		if !errors.As(err, &exit) || !strings.Contains(out, msg) {
			t.Errorf("custom-gcl run with a misspelt setting: %v, want a failure saying\n%s\ngot:\n%s", err, msg, out)
		}
	})
	t.Run("vscode", func(t *testing.T) {
		dir := fixtures(t)
		checkEditor(t, gcl, fsmvet, dir, "machine")
	})
	t.Run("custom", func(t *testing.T) {
		start := time.Now()
		built := customBuild(t, gcl, root)
		t.Logf("golangci-lint custom: %s", time.Since(start).Round(time.Second))
		dir := fixtures(t)
		checkFindings(t, built, dir, expected(t, fsmvet, dir))
	})
}

// command runs name in dir (the test's directory if empty) and returns
// its combined output.
func command(t *testing.T, dir, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the regular files under src to dst, leaving out
// directories whose names start with a dot (.git; .ci, where other tests
// of the repository may be writing) and files that vanish meanwhile.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path != src && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case !d.Type().IsRegular():
			return nil
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		} else if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}

// fixtureModule writes a module holding the fixture packages of
// testdata/src named (without their golden files) and the documented
// .golangci.yml.
func fixtureModule(t *testing.T, pkgs ...string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, ".golangci.yml"), readFile(t, golangciYML))
	// The fixtures' tests keep their machines on the heap with package
	// escape, which comes along under the module's path.
	for _, pkg := range append(pkgs, "escape") {
		files, err := filepath.Glob(filepath.Join("..", "testdata", "src", pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("fixture %s: no Go files (%v)", pkg, err)
		}
		for _, f := range files {
			writeFile(t, filepath.Join(dir, pkg, filepath.Base(f)), strings.ReplaceAll(readFile(t, f), `"escape"`, `"example.com/m/escape"`))
		}
	}
	return dir
}

// fsmvet -json's diagnostics.
type diagnostic struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
	Related []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
	Fixes []struct {
		Edits []struct {
			Filename   string `json:"filename"`
			Start, End int
			New        string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

// mainMode returns fsmvet -json's diagnostics on dir's packages, by
// analyzer.
func mainMode(t *testing.T, fsmvet, dir string, flags ...string) map[string][]diagnostic {
	t.Helper()
	cmd := exec.Command(fsmvet, append(append([]string{"-json"}, flags...), "./...")...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fsmvet -json %v: %v\n%s", flags, err, out)
	}
	var tree map[string]map[string][]diagnostic
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("fsmvet -json: %v\n%s", err, out)
	}
	byAnalyzer := map[string][]diagnostic{}
	for _, pkg := range tree {
		for a, diags := range pkg {
			byAnalyzer[a] = append(byAnalyzer[a], diags...)
		}
	}
	return byAnalyzer
}

// file returns the file name of a position, file:line:col.
func file(posn string) string {
	i := strings.LastIndexByte(posn, ':')
	j := strings.LastIndexByte(posn[:i], ':')
	return posn[:j]
}

// oneFile reports whether every edit of d's fix is in d's file: the fixes
// golangci-lint can apply.
func oneFile(d diagnostic) bool {
	for _, fix := range d.Fixes {
		for _, e := range fix.Edits {
			if e.Filename != file(d.Posn) {
				return false
			}
		}
	}
	return true
}

// text returns golangci-lint's text for fsmvet's diagnostic d of
// analyzer a, "analyzer: message", and how many fixes it keeps: its fix
// if the fix edits d's file only, and otherwise none and the message
// saying so.
func text(a string, d diagnostic) (string, int) {
	if oneFile(d) {
		return a + ": " + d.Message, len(d.Fixes)
	}
	files := map[string]bool{}
	for _, e := range d.Fixes[0].Edits {
		files[e.Filename] = true
	}
	return fmt.Sprintf("%s: %s; golangci-lint --fix cannot apply the fix, which edits %d files: run fsmvet -fix", a, d.Message, len(files)), 0
}

// expected returns what golangci-lint should print for fsmvet -json's
// findings, as issue lines (see issueLine): each diagnostic as text
// gives it; each related position an issue of its own,
// "analyzer(related information): message", at the related position if
// it is in the diagnostic's file and else at the diagnostic's
// (golangci-lint's rule).
func expected(t *testing.T, fsmvet, dir string, flags ...string) []string {
	t.Helper()
	var lines []string
	for a, diags := range mainMode(t, fsmvet, dir, flags...) {
		for _, d := range diags {
			msg, fixes := text(a, d)
			lines = append(lines, issueLine(d.Posn, msg, fixes))
			for _, r := range d.Related {
				posn := r.Posn
				if file(posn) != file(d.Posn) {
					posn = d.Posn
				}
				lines = append(lines, issueLine(posn, a+"(related information): "+r.Message, 0))
			}
		}
	}
	slices.Sort(lines)
	return lines
}

// issueLine is how the tests compare findings: position, text and the
// number of fixes.
func issueLine(posn, text string, fixes int) string {
	return fmt.Sprintf("%s: %s [%d fixes]", posn, text, fixes)
}

func countFixes(lines []string) int {
	n := 0
	for _, l := range lines {
		if strings.HasSuffix(l, " [1 fixes]") {
			n++
		}
	}
	return n
}

// run runs golangci-lint on dir's packages with dir's .golangci.yml and
// returns its issues as issue lines. Every issue is printed, with its
// absolute path: by default golangci-lint keeps one issue per line and
// three with the same text, which would hide related positions.
func run(t *testing.T, gcl, dir string, extra ...string) []string {
	t.Helper()
	args := append([]string{"run", "--output.json.path=stdout", "--output.text.path=", "--show-stats=false",
		"--path-mode=abs", "--uniq-by-line=false", "--max-same-issues=0", "--max-issues-per-linter=0"}, extra...)
	cmd := exec.Command(gcl, append(args, "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) { // 1: issues found
		t.Fatalf("%s %v: %v\n%s%s", gcl, args, err, out, stderr.Bytes())
	}
	var report struct {
		Issues []struct {
			FromLinter     string
			Text           string
			Pos            struct{ Filename, Line, Column any }
			SuggestedFixes []json.RawMessage
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("%s: %v\n%s%s", gcl, err, out, stderr.Bytes())
	}
	var lines []string
	for _, i := range report.Issues {
		if i.FromLinter != "fsmvet" {
			t.Errorf("an issue from %s, which .golangci.yml does not enable: %s", i.FromLinter, i.Text)
		}
		lines = append(lines, issueLine(fmt.Sprintf("%v:%v:%v", i.Pos.Filename, i.Pos.Line, i.Pos.Column), i.Text, len(i.SuggestedFixes)))
	}
	slices.Sort(lines)
	return lines
}

// checkFindings compares golangci-lint's issues with want, line by line.
func checkFindings(t *testing.T, gcl, dir string, want []string) {
	t.Helper()
	got := run(t, gcl, dir)
	if !slices.Equal(got, want) {
		t.Errorf("golangci-lint's issues differ from fsmvet's:\n%s", lineDiff(want, got))
	}
}

// lineDiff shows the lines only one of want and got has.
func lineDiff(want, got []string) string {
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}

// checkFix runs golangci-lint --fix on dir and checks that it applied
// exactly the fixes fsmvet offers that edit one file, each once (every
// fixed file as fsmvet's edits make it; the golden files of testdata/src
// are the fixes of other flag settings, checked by the analyzers' tests),
// left the rest unchanged, reports what fsmvet reports in the fixed code,
// and that the module builds and passes go vet and its tests.
func checkFix(t *testing.T, gcl, fsmvet, dir string) {
	t.Helper()
	before := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".go") {
			before[path] = readFile(t, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string][]edit.Edit{}
	for _, diags := range mainMode(t, fsmvet, dir) {
		for _, d := range diags {
			if len(d.Fixes) == 0 || !oneFile(d) {
				continue
			}
			for _, e := range d.Fixes[0].Edits {
				edits[e.Filename] = append(edits[e.Filename], edit.Replace(e.Start, e.End, e.New))
			}
		}
	}
	if len(edits) == 0 {
		t.Fatalf("fsmvet offers no fix golangci-lint can apply in %s", dir)
	}
	run(t, gcl, dir, "--fix")
	for name, src := range before {
		want := src
		if es := edits[name]; es != nil {
			fixed, err := edit.Apply([]byte(src), es)
			if err != nil {
				t.Fatalf("fsmvet's fixes for %s: %v", name, err)
			}
			want = gofmt(t, name, string(fixed))
		}
		if got := readFile(t, name); got != want {
			t.Errorf("after golangci-lint --fix, %s is not as fsmvet's fixes make it, gofmt'd:\n%s", name, edit.Diff(name, []byte(want), []byte(got), 3))
		}
	}
	// What is left is what fsmvet finds in the fixed code, with no fix
	// golangci-lint could have applied.
	left := expected(t, fsmvet, dir)
	if n := countFixes(left); n != 0 {
		t.Errorf("after golangci-lint --fix, %d fixes it can apply are left:\n%s", n, strings.Join(left, "\n"))
	}
	checkFindings(t, gcl, dir, left)
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
		if out, err := command(t, dir, "go", args...); err != nil {
			t.Errorf("after golangci-lint --fix, go %s fails: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// gofmt formats Go source. golangci-lint formats a fixed file only when
// a formatter is enabled; fsmswitch's edits leave it formatted.
func gofmt(t *testing.T, name, src string) string {
	t.Helper()
	out, err := format.Source([]byte(src))
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s", name, err, src)
	}
	return string(out)
}

// checkEditor runs golangci-lint as VS Code's Go extension does with the
// documented settings when a file of pkg is saved, and checks that it
// reads every fsmvet finding in pkg from the output. The extension's
// steps, from golang/vscode-go's goLint.ts and util.ts: the binary
// go.alternateTools names for go.lintTool; "run", go.lintFlags (with
// ${workspaceFolder} expanded in --config=) and its own v2 flags, in the
// package's directory; each stdout line matched by its pattern.
func checkEditor(t *testing.T, gcl, fsmvet, dir, pkg string) {
	t.Helper()
	var settings struct {
		LintTool       string            `json:"go.lintTool"`
		AlternateTools map[string]string `json:"go.alternateTools"`
		LintFlags      []string          `json:"go.lintFlags"`
	}
	if err := json.Unmarshal([]byte(readFile(t, vscode)), &settings); err != nil {
		t.Fatalf("%s: %v", vscode, err)
	}
	workspace := func(s string) string { return strings.ReplaceAll(s, "${workspaceFolder}", dir) }
	exe := workspace(settings.AlternateTools[settings.LintTool])
	if settings.LintTool != "golangci-lint-v2" || exe != filepath.Join(dir, "custom-gcl") {
		t.Fatalf("%s: want golangci-lint-v2 run from custom-gcl in the workspace, where .custom-gcl.yml puts it", vscode)
	}
	if err := os.Symlink(gcl, exe); err != nil {
		t.Fatal(err)
	}
	args := []string{"run"}
	for _, f := range settings.LintFlags {
		args = append(args, workspace(f))
	}
	args = append(args, "--issues-exit-code=0", "--output.text.print-issued-lines=false", "--show-stats=false",
		"--output.text.path=stdout", "--path-mode=abs")
	cmd := exec.Command(exe, args...)
	cmd.Dir = filepath.Join(dir, pkg)
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", exe, args, err, out)
	}
	pattern := regexp.MustCompile(`^([^:]*: )?((.:)?[^:]*):(\d+)(:(\d+)?)?:(?:\w+:)? (.*)$`)
	var shown []string
	for line := range strings.Lines(string(out)) {
		if m := pattern.FindStringSubmatch(strings.TrimSuffix(line, "\n")); m != nil {
			shown = append(shown, fmt.Sprintf("%s:%s:%s: %s", m[2], m[4], m[6], m[7]))
		}
	}
	var want []string
	for a, diags := range mainMode(t, fsmvet, dir) {
		for _, d := range diags {
			if filepath.Dir(file(d.Posn)) == filepath.Join(dir, pkg) {
				msg, _ := text(a, d)
				want = append(want, d.Posn+": "+msg+" (fsmvet)")
			}
		}
	}
	if len(want) == 0 {
		t.Fatalf("fsmvet finds nothing in %s", pkg)
	}
	for _, w := range want {
		if !slices.Contains(shown, w) {
			t.Errorf("the editor does not show\n%s\namong\n%s", w, strings.Join(shown, "\n"))
		}
	}
}

// customBuild runs 'golangci-lint custom' with the documented
// .custom-gcl.yml in a project beside a copy of this repository (its
// path: ../fsmvet), and returns the binary it built. custom clones
// golangci-lint's repository from GitHub; git's url.<base>.insteadOf,
// given through the environment (which custom passes on to git), points
// the clone at a local repository holding the module proxy's copy of the
// same source, tagged as custom asks.
func customBuild(t *testing.T, gcl, root string) string {
	t.Helper()
	tmp := t.TempDir()
	out, err := command(t, tmp, "go", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@v2.15.0")
	if err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal([]byte(out), &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download -json: %v\n%s", err, out)
	}
	repo := filepath.Join(tmp, "golangci-lint")
	copyTree(t, mod.Dir, repo)
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=fsmvet", "-c", "user.email=fsmvet@example.com", "commit", "-q", "-m", "v2.15.0"},
		{"tag", "v2.15.0"},
	} {
		if out, err := command(t, repo, "git", args...); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	copyTree(t, root, filepath.Join(tmp, "fsmvet"))
	project := filepath.Join(tmp, "project")
	writeFile(t, filepath.Join(project, ".custom-gcl.yml"), readFile(t, customYML))
	cmd := exec.Command(gcl, "custom", "-v")
	cmd.Dir = project
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_COUNT=1",
		"GIT_CONFIG_KEY_0=url.file://"+repo+".insteadOf",
		"GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("golangci-lint custom: %v\n%s", err, out)
	}
	return filepath.Join(project, "custom-gcl")
}
