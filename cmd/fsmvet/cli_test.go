package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestHelp: fsmvet's own usage names its modes and subcommands, and help
// NAME shows an analyzer's manual or a subcommand's usage.
func TestHelp(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		exit int
	}{
		{nil, 2},
		{[]string{"-h"}, 0},
		{[]string{"help"}, 0},
	} {
		out, code := run(t, dir, fsmvet, c.args...)
		if code != c.exit {
			t.Errorf("fsmvet %v: exit %d, want %d", c.args, code, c.exit)
		}
		for _, want := range []string{"fsmvet whole", "fsmvet report", "fsmvet lsp", "go vet -vettool", "fsmvet help", "-fsmswitch.blocked", "-pollloop.all", "Exit status"} {
			if !strings.Contains(out, want) {
				t.Errorf("fsmvet %v does not mention %q:\n%s", c.args, want, out)
			}
		}
		if strings.Contains(out, "Printf") {
			t.Errorf("fsmvet %v prints x/tools' generic help:\n%s", c.args, out)
		}
	}
	for name, want := range map[string]string{
		"fsmswitch": "# Reported by default",
		"pollloop":  "-pollloop.all",
		"generator": "-generator.all",
		"whole":     "usage: fsmvet whole",
		"report":    "usage: fsmvet report",
		"lsp":       "Usage: fsmvet lsp",
	} {
		out, code := run(t, dir, fsmvet, "help", name)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("fsmvet help %s: exit %d, want 0 and %q:\n%s", name, code, want, out)
		}
	}
	if out, code := run(t, dir, fsmvet, "help", "nonsense"); code != 2 || !strings.Contains(out, `no analyzer or subcommand "nonsense"`) {
		t.Errorf("fsmvet help nonsense: exit %d, want 2 and an error naming it:\n%s", code, out)
	}
}

// TestBadFlags: nonsense flags are one clear error and exit 2, in every
// mode, before anything is loaded: the error, then where the usage is,
// not the whole manual above a buried error. -h is the manual, exit 0.
func TestBadFlags(t *testing.T) {
	dir := tempModule(t, "machine")
	for _, tt := range []struct {
		args      []string
		err, help string
	}{
		{[]string{"-nonsense", "./..."}, "flag provided but not defined: -nonsense", "fsmvet help"},
		{[]string{"-hot", "200%", "./..."}, `invalid value "200%" for flag -hot`, "fsmvet help"},
		{[]string{"-hot", "NaN", "./..."}, `invalid value "NaN" for flag -hot`, "fsmvet help"},
		{[]string{"-profile", "nope.pprof", "./..."}, "stat nope.pprof: no such file or directory", "fsmvet help"},
		{[]string{"whole", "-nonsense", "./..."}, "flag provided but not defined: -nonsense", "fsmvet help whole"},
		{[]string{"report", "-profile", "x.pprof", "-hot", "-1", "./..."}, `invalid value "-1" for flag -hot`, "fsmvet help report"},
		{[]string{"lsp", "-nonsense"}, "flag provided but not defined: -nonsense", "fsmvet help lsp"},
		{[]string{"lsp", "./..."}, "fsmvet lsp: no arguments: the settings are the editor's initializationOptions", "fsmvet help lsp"},
		{[]string{"-format=xml", "./..."}, "fsmvet: -format=xml: want text, json or sarif", "fsmvet help"},
		{[]string{"-json", "-format=sarif", "./..."}, "fsmvet: -json and -format=sarif disagree", "fsmvet help"},
		{[]string{"report", "-profile", "x.pprof", "-format=xml", "./..."}, "fsmvet report: -format=xml: want text, json or html", "fsmvet help report"},
		{[]string{"verify", "-format=xml", "./..."}, "fsmvet verify: -format=xml: want text, json or html", "fsmvet help verify"},
		{[]string{"verify", "-count=2", "./..."}, "fsmvet verify: -count=2: a 95% interval of a median needs 6 rounds or more", "fsmvet help verify"},
	} {
		out, code := run(t, dir, fsmvet, tt.args...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 2 || len(lines) != 2 || !strings.Contains(lines[0], tt.err) || lines[1] != "run '"+tt.help+"' for usage" {
			t.Errorf("fsmvet %v: exit %d, want 2, the error %q and where the usage is:\n%s", tt.args, code, tt.err, out)
		}
	}
	for _, args := range [][]string{{"-h"}, {"whole", "-h"}, {"report", "-h"}, {"lsp", "-h"}} {
		if out, code := run(t, dir, fsmvet, args...); code != 0 || !strings.Contains(out, "usage") && !strings.Contains(out, "Usage") {
			t.Errorf("fsmvet %v: exit %d, want 0 and the usage:\n%s", args, code, out)
		}
	}
}

// TestDeterministic: the same input gives byte-identical output, in text,
// JSON, SARIF and as fixes, run after run.
func TestDeterministic(t *testing.T) {
	dir := tempModule(t, "machine", "trust", "blocked", "fixes")
	for _, args := range [][]string{
		{"./..."},
		{"-json", "./..."},
		{"-format=sarif", "./..."},
		{"-fsmswitch.blocked", "-pollloop.all", "./..."},
		{"-fix", "-diff", "./..."},
	} {
		first, code := run(t, dir, fsmvet, args...)
		if code == 1 || code == 2 {
			t.Fatalf("fsmvet %v: exit %d\n%s", args, code, first)
		}
		for range 3 {
			if again, _ := run(t, dir, fsmvet, args...); again != first {
				t.Errorf("fsmvet %v printed something else on another run:\nfirst:\n%s\nagain:\n%s", args, first, again)
				break
			}
		}
	}
}

// TestTestVariant: a package whose tests read the state field is analysed
// once, with its tests, which block the transition-pointer rewrite:
// standalone and go vet say the same, and neither offers the fix that
// would break the tests. The table form, which keeps the field, is
// offered by default, and its fix keeps them passing.
func TestTestVariant(t *testing.T) {
	dir := tempModule(t, "testreads")
	const want = "testreads/testreads.go:17:2: state machine gate.p (phase, 2 states) is dispatched by this switch in (*gate).Toggle; no fix: the field is compared outside the consumer switch at testreads_test.go:13"
	for _, args := range [][]string{
		{fsmvet, "-fsmswitch.blocked", "-fsmswitch.form=pointer", "./..."},
		{"go", "vet", "-vettool=" + fsmvet, "-fsmswitch.blocked", "-fsmswitch.form=pointer", "./..."},
	} {
		out, _ := run(t, dir, args[0], args[1:]...)
		if strings.Count(out, "state machine gate.p") != 1 || !strings.Contains(out, want) {
			t.Errorf("%v: want exactly one finding, blocked by the test:\n%s", args, out)
		}
	}
	// By default a blocked machine is not reported.
	if out, code := run(t, dir, fsmvet, "-fsmswitch.form=pointer", "./..."); code != 0 || out != "" {
		t.Errorf("fsmvet -fsmswitch.form=pointer ./... on a blocked machine: exit %d, want 0 and nothing:\n%s", code, out)
	}
	const table = "testreads/testreads.go:17:2: state machine gate.p (phase, 2 states) is dispatched by this switch in (*gate).Toggle; fix: keep the state and call each state's function from a table"
	if out, code := run(t, dir, fsmvet, "./..."); code != 3 || strings.Count(out, "state machine gate.p") != 1 || !strings.Contains(out, table) {
		t.Errorf("fsmvet ./...: exit %d, want 3 and the table form offered:\n%s", code, out)
	}
	out, code := run(t, dir, fsmvet, "-fix", "./...")
	if code != 0 {
		t.Fatalf("fsmvet -fix: exit %d\n%s", code, out)
	}
	if out, code := run(t, dir, "go", "test", "./..."); code != 0 {
		t.Errorf("after fsmvet -fix the tests fail:\n%s", out)
	}
}

// TestForeignProfile: a profile that names none of the analysed packages
// is said once, not once per package, and findings are still printed.
func TestForeignProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a CPU profile")
	}
	_, pprof := profiledProgram(t)
	dir := tempModule(t, "machine", "fixes")
	out, _ := run(t, dir, fsmvet, "-profile", pprof, "-hot", "0", "./...")
	if n := strings.Count(out, "a profile of another program?"); n != 1 {
		t.Errorf("the warning about a foreign profile appears %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(out, "CPU 0% (not in the profile)") {
		t.Errorf("with -hot 0 the findings should still be printed:\n%s", out)
	}
}

// TestTypeErrorsJSON: with -json, code that does not type-check is an
// error on stderr and exit 1, and stdout stays valid JSON.
func TestTypeErrorsJSON(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/bad\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "bad.go"), "package bad\n\nfunc f() int { return \"x\" }\n")
	cmd := []string{"-json", "./..."}
	out, code := run(t, dir, fsmvet, cmd...)
	if code != 1 || !strings.Contains(out, "bad.go:3:23: cannot use") {
		t.Errorf("fsmvet -json on bad code: exit %d, want 1 and the error:\n%s", code, out)
	}
	stdout := strings.TrimSpace(out[strings.Index(out, "{"):])
	var tree map[string]any
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil || len(tree) != 0 {
		t.Errorf("fsmvet -json on bad code printed %q, want an empty JSON object", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.go")); err != nil {
		t.Fatal(err)
	}
}

// TestDriversAgree: fsmvet and go vet print the same findings. A loop's
// visible implementations are its package's types, those exported by the
// packages it imports and those it holds values of, all of which go vet's
// export data holds too,
// and positions in other packages are printed at the start of their line,
// the one thing export data keeps of them.
func TestDriversAgree(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	write(t, filepath.Join(dir, "deep", "deep.go"), "package deep\n\ntype Deep struct{}\n\nfunc (*Deep) Poll() bool { return true }\n")
	write(t, filepath.Join(dir, "a", "a.go"), `package a

import "example.com/m/deep"

type Task interface{ Poll() bool }

type Open struct{}

func (*Open) Poll() bool { return true }

type phase int

const (
	one phase = iota
	two
	done
)

type hidden struct{ p phase }

func (h *hidden) Poll() bool {
	switch h.p {
	case one:
		h.p = two
	case two:
		h.p = done
	default:
		return true
	}
	return false
}

func New() Task { return &hidden{} }

func NewHidden() *hidden { return &hidden{} }

func Deeper() Task { return &deep.Deep{} }
`)
	write(t, filepath.Join(dir, "b", "b.go"), "package b\n\nimport \"example.com/m/a\"\n\nfunc Run(t a.Task) {\n\tfor !t.Poll() {\n\t}\n}\n")
	write(t, filepath.Join(dir, "c", "c.go"), "package c\n\nimport \"example.com/m/a\"\n\nvar h = a.NewHidden()\n\nfunc Run(t a.Task) {\n\tfor !t.Poll() {\n\t}\n}\n")
	const loop = "b/b.go:6:13: poll loop: a.Task.Poll is called through an interface on every iteration until its result ends the loop; its one visible implementation is not a known state machine: a.*Open\na/a.go:7:1: \timplementation a.*Open\n"
	// c holds a value of a's unexported *hidden: every driver knows it.
	const hiddenLoop = "c/c.go:8:13: poll loop: a.Task.Poll is called through an interface on every iteration until its result ends the loop; of its 2 visible implementations, 1 is a state machine that also switches on its state every step, 1 is not a known state machine: a.*hidden (hidden.p, 3 states, fix offered), a.*Open\na/a.go:19:1: \timplementation a.*hidden: switches on hidden.p (3 states) every step; fsmswitch offers a fix\n"
	standalone, _ := run(t, dir, fsmvet, "-pollloop.all", "./...")
	vet, _ := run(t, dir, "go", "vet", "-vettool="+fsmvet, "-pollloop.all", "./...")
	// go vet prints packages in the order they finish: compare the lines.
	sorted := func(out string) []string {
		var lines []string
		for line := range strings.Lines(out) {
			if !strings.HasPrefix(line, "# ") {
				lines = append(lines, line)
			}
		}
		slices.Sort(lines)
		return lines
	}
	if !slices.Equal(sorted(vet), sorted(standalone)) || !strings.Contains(standalone, loop) || !strings.Contains(standalone, hiddenLoop) {
		t.Errorf("fsmvet and go vet disagree, or the loops are not as wanted:\nfsmvet:\n%s\ngo vet:\n%s\nwant the loops as\n%s%s", standalone, vet, loop, hiddenLoop)
	}
}
