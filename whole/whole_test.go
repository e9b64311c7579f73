package whole

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/program"
)

// The fixture is testdata/rank (see report/rank_test.go): poll loops in
// exec, one per function, and in machines state machines of 8 states (M8,
// line 26), 7 (M7, 66) and 3 (Small, 97), all with a fix, and Gate (121),
// whose rewrite is blocked. Its positions, from the fixture's directory:
var (
	m8, m7, small, gate = "machines/machines.go:26:2", "machines/machines.go:66:2", "machines/machines.go:97:2", "machines/machines.go:121:2"
	// The loops reaching a machine with a fix: Spin and Drive reach M8,
	// Pump and Never M7, Nap Small.
	spin, drive, pump, nap, never = "exec/exec.go:15:13", "exec/exec.go:21:13", "exec/exec.go:27:13", "exec/exec.go:39:13", "exec/exec.go:57:13"
	// The others: Churn and Quiet reach Plain, Wait Plain and Stepper
	// (transition-pointer), Stall only Gate.
	churn, wait, quiet, stall = "exec/exec.go:9:13", "exec/exec.go:33:13", "exec/exec.go:45:13", "exec/exec.go:51:13"
)

func fixture(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "rank"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// run runs 'fsmvet whole' with args in dir.
func run(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	// -blocked sets fsmswitch's flag for the process, as the command
	// line would; put it back for the next run.
	defer fsmswitch.Analyzer.Flags.Set("blocked", "false")
	var out, errs bytes.Buffer
	code = Main(args, &out, &errs)
	return code, out.String(), errs.String()
}

// posns decodes the JSON findings and returns their analyzers and
// positions, checking that each has exactly the documented fields.
func posns(t *testing.T, js string) []string {
	t.Helper()
	var findings []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(js), &findings); err != nil {
		t.Fatalf("whole -json: %v\n%s", err, js)
	}
	var out []string
	for _, f := range findings {
		var analyzer, posn, message string
		var related []map[string]string
		for key, v := range f {
			var err error
			switch key {
			case "analyzer":
				err = json.Unmarshal(v, &analyzer)
			case "posn":
				err = json.Unmarshal(v, &posn)
			case "message":
				err = json.Unmarshal(v, &message)
			case "related":
				err = json.Unmarshal(v, &related)
			default:
				err = errors.New("not a documented field")
			}
			if err != nil {
				t.Errorf("finding field %q = %s: %v", key, v, err)
			}
		}
		if analyzer == "" || posn == "" || message == "" {
			t.Errorf("finding %v lacks analyzer, posn or message", f)
		}
		for _, r := range related {
			if len(r) != 2 || r["posn"] == "" || r["message"] == "" {
				t.Errorf("related %v: want exactly posn and message", r)
			}
		}
		out = append(out, analyzer+" "+posn)
	}
	return out
}

// TestFlags checks which findings each flag adds, in position order.
func TestFlags(t *testing.T) {
	dir := fixture(t)
	loop := func(p string) string { return "pollloop " + p }
	machine := func(p string) string { return "fsmswitch " + p }
	for _, c := range []struct {
		args []string
		want []string
	}{
		// By default, as fsmvet: machines with a fix, and loops reaching
		// one.
		{nil, []string{loop(spin), loop(drive), loop(pump), loop(nap), loop(never), machine(m8), machine(m7), machine(small)}},
		// -blocked adds Gate; the loop reaching only Gate stays out.
		{[]string{"-blocked"}, []string{loop(spin), loop(drive), loop(pump), loop(nap), loop(never), machine(m8), machine(m7), machine(small), machine(gate)}},
		{[]string{"-all"}, []string{loop(churn), loop(spin), loop(drive), loop(pump), loop(wait), loop(nap), loop(quiet), loop(stall), loop(never),
			machine(m8), machine(m7), machine(small)}},
		// With its tests, which read its state, Small is offered the
		// table form, which keeps the state: still reported.
		{[]string{"-test"}, []string{loop(spin), loop(drive), loop(pump), loop(nap), loop(never), machine(m8), machine(m7), machine(small)}},
		{[]string{"-test", "-blocked"}, []string{loop(spin), loop(drive), loop(pump), loop(nap), loop(never), machine(m8), machine(m7), machine(small), machine(gate)}},
	} {
		code, stdout, stderr := run(t, dir, append(append([]string{"-json"}, c.args...), "./...")...)
		if got := posns(t, stdout); code != 0 || stderr != "" || !slices.Equal(got, c.want) {
			t.Errorf("whole -json %q: exit %d, stderr %q, findings\n%q\nwant 0 (as -json in the main mode) and\n%q", c.args, code, stderr, got, c.want)
		}
	}
}

// TestText checks the text form against the JSON one: each finding as
// "posn: message", then each related position as "posn: \tmessage", on
// standard error as go vet prints; and both the same on every run.
func TestText(t *testing.T) {
	dir := fixture(t)
	code, text, stderr := run(t, dir, "-all", "-blocked", "./...")
	if code != 3 || text != "" {
		t.Fatalf("whole: exit %d, stdout %q; want 3 and the findings on stderr", code, text)
	}
	_, js, _ := run(t, dir, "-json", "-all", "-blocked", "./...")
	var findings []Finding
	if err := json.Unmarshal([]byte(js), &findings); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, f := range findings {
		want.WriteString(f.Posn + ": " + f.Message + "\n")
		for _, r := range f.Related {
			want.WriteString(r.Posn + ": \t" + r.Message + "\n")
		}
	}
	if stderr != want.String() {
		t.Errorf("text form:\n%s\nwant the JSON findings:\n%s", stderr, want.String())
	}
	// The Gate finding's related positions: its type, then its blockers.
	var gateRelated []string
	for _, f := range findings {
		if f.Posn == gate {
			for _, r := range f.Related {
				gateRelated = append(gateRelated, r.Posn)
			}
		}
	}
	if want := []string{"machines/machines.go:108:6", "machines/machines.go:108:6", "machines/machines.go:127:9", "machines/machines.go:131:37"}; !slices.Equal(gateRelated, want) {
		t.Errorf("Gate's related positions = %q, want %q", gateRelated, want)
	}
	for range 2 {
		if _, _, again := run(t, dir, "-all", "-blocked", "./..."); again != stderr {
			t.Errorf("a second run printed otherwise:\n%s", again)
		}
	}
}

// TestCollectOrder checks that the findings come in position order
// whatever the order of the diagnostics, and that positions are relative
// to the working directory below it and absolute elsewhere.
func TestCollectOrder(t *testing.T) {
	dir := fixture(t)
	prog, err := program.Load(program.Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	want := collect(prog, true)
	slices.Reverse(prog.Diagnostics)
	got := collect(prog, true)
	if len(got) != len(want) || len(want) != 12 {
		t.Fatalf("%d findings, then %d with the diagnostics reversed; want 12", len(want), len(got))
	}
	for i := range want {
		if got[i].Posn != want[i].Posn || got[i].Message != want[i].Message {
			t.Errorf("finding %d: %s, then %s", i+1, want[i].Posn, got[i].Posn)
		}
	}
	for i := 1; i < len(want); i++ {
		if !less(want[i-1].Posn, want[i].Posn) {
			t.Errorf("%s before %s", want[i-1].Posn, want[i].Posn)
		}
	}
	t.Chdir(filepath.Dir(dir))
	if f := collect(prog, false)[0]; f.Posn != "rank/"+spin {
		t.Errorf("from the fixture's parent, the first finding is at %s, want rank/%s", f.Posn, spin)
	}
	t.Chdir(filepath.Join(dir, "machines"))
	if f := collect(prog, false)[0]; f.Posn != filepath.Join(dir, spin) {
		t.Errorf("from a sibling directory, the first finding is at %s, want the absolute %s", f.Posn, filepath.Join(dir, spin))
	}
}

// less orders "file:line:col" positions by file, then line, then column,
// as numbers.
func less(a, b string) bool {
	fa, la, ca := split(a)
	fb, lb, cb := split(b)
	if fa != fb {
		return fa < fb
	}
	if la != lb {
		return la < lb
	}
	return ca < cb
}

func split(posn string) (file string, line, col int) {
	parts := strings.Split(posn, ":")
	line, _ = strconv.Atoi(parts[1])
	col, _ = strconv.Atoi(parts[2])
	return parts[0], line, col
}

// TestExitCodes checks each exit status and what comes with it.
func TestExitCodes(t *testing.T) {
	dir := fixture(t)
	broken := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":    "module example.com/broken\n",
		"broken.go": "package broken\n\nvar x int = \"no\"\n",
	} {
		if err := os.WriteFile(filepath.Join(broken, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		dir            string
		args           []string
		code           int
		stdout, stderr string // stderr: its start
	}{
		{dir, []string{"./app"}, 0, "", ""},              // app has no finding
		{dir, []string{"-json", "./app"}, 0, "[]\n", ""}, // an empty list, not null
		{dir, nil, 2, "", "usage: fsmvet whole "},
		{dir, []string{"-nosuchflag", "./..."}, 2, "", "flag provided but not defined: -nosuchflag\n"},
		{dir, []string{"-h"}, 0, "", "usage: fsmvet whole "},
		{broken, []string{"./..."}, 1, "", "fsmvet whole: packages do not load or type-check:\nbroken.go:3:13: "},
		{dir, []string{"./exec/nothing..."}, 1, "", "fsmvet whole: ./exec/nothing... matched no packages\n"},
	} {
		code, stdout, stderr := run(t, c.dir, c.args...)
		if code != c.code || stdout != c.stdout || !strings.HasPrefix(stderr, c.stderr) || c.stderr == "" && stderr != "" {
			t.Errorf("whole %q: exit %d, stdout %q, stderr %q; want %d, %q and first %q", c.args, code, stdout, stderr, c.code, c.stdout, c.stderr)
		}
	}
	// A JSON that cannot be written is an error.
	t.Chdir(dir)
	var stderr bytes.Buffer
	if code := Main([]string{"-json", "./..."}, failingWriter{}, &stderr); code != 1 || stderr.String() != "fsmvet whole: the disk is full\n" {
		t.Errorf("whole -json to a full disk: exit %d, stderr %q; want 1 and the error", code, stderr.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("the disk is full") }
