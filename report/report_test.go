package report_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/profile"
	"github.com/fsmvet/fsmvet/program"
	"github.com/fsmvet/fsmvet/report"
)

// wholeProgram copies testdata/whole, a program whose executor polls a
// switch-dispatched machine and a transition-pointer one, to a scratch
// directory (tests edit it) and takes a real CPU profile of its benchmark.
func wholeProgram(t *testing.T) (dir, pprof string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "whole"))); err != nil {
		t.Fatal(err)
	}
	pprof = filepath.Join(t.TempDir(), "cpu.pprof")
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", ".", "-benchtime", "700ms",
		"-cpuprofile", pprof, "-o", filepath.Join(t.TempDir(), "bench.test"), "./bench")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("profiling the benchmark: %v\n%s", err, out)
	}
	return dir, pprof
}

func build(t *testing.T, dir, pprof string) *report.Report {
	t.Helper()
	prof, err := profile.Load(pprof)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := program.Load(program.Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(prog, prof, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func find(r *report.Report, kind, posnSuffix string) *report.Finding {
	for i, f := range r.Findings {
		if f.Kind == kind && strings.HasSuffix(f.Posn, posnSuffix) {
			return &r.Findings[i]
		}
	}
	return nil
}

func TestReport(t *testing.T) {
	if testing.Short() {
		t.Skip("takes CPU profiles")
	}
	dir, pprof := wholeProgram(t)
	r := build(t, dir, pprof)

	// The executor's poll loop is where the CPU goes: it ranks first, its
	// callee mix names the task types, and since no callee dominates and
	// one is a 16-state switch-dispatched machine (the Lexer, handed to the
	// executor only by a benchmark, so seen by the profile alone), the
	// verdict is to rewrite (and verify).
	top := r.Findings[0]
	if top.Kind != report.KindPollLoop || !strings.HasSuffix(top.Posn, "executor/executor.go:21:14") {
		t.Fatalf("top finding = %s at %s, want the poll loop in executor.Run", top.Kind, top.Posn)
	}
	callees := map[string]float64{}
	for _, c := range top.Callees {
		callees[c.Name] = c.Share
	}
	// Sender's Poll is so cheap that a short profile may sample none of
	// its calls; the lexer's and the stepper's are always there.
	for _, task := range []string{"Stepper", "Lexer"} {
		if callees["example.com/whole/tasks.(*"+task+").Poll"] == 0 {
			t.Errorf("callee mix = %v, want %s in it", top.Callees, task)
		}
	}
	if top.Cum < 0.05 || top.Verdict != report.VerdictRewrite {
		t.Errorf("top finding: cum %.3f, verdict %q; want a hot loop to rewrite", top.Cum, top.Verdict)
	}
	// The switch machine is measured, offered a fix with its diff, and
	// small enough that PGO comes first.
	sender := find(r, report.KindStateMachine, "tasks/tasks.go:21:2")
	// Machines are judged by their own share, which sampling decides: a
	// hot small machine is for PGO, a hot large one for the rewrite.
	byShare := func(f *report.Finding, hot string) string {
		if f.Cum < 0.01 {
			return report.VerdictNotHot
		}
		return hot
	}
	if sender == nil || sender.Fix != "offered" || !strings.Contains(sender.Diff, "+func sendHeader(") ||
		sender.Verdict != byShare(sender, report.VerdictPGO) {
		t.Errorf("Sender machine = %+v; want its fix offered as a diff, and use PGO if hot", sender)
	}
	if lexer := find(r, report.KindStateMachine, "tasks/tasks.go:100:2"); lexer == nil || lexer.States != 16 ||
		lexer.Verdict != byShare(lexer, report.VerdictRewrite) {
		t.Errorf("Lexer machine = %+v; want 16 states, and rewrite if hot", lexer)
	}
	if tp := find(r, report.KindTransitionPointer, "tasks/tasks.go:35:6"); tp == nil || tp.Verdict != report.VerdictDone {
		t.Errorf("Stepper = %+v; want it ranked as already transition-pointer", tp)
	}
	if f := find(r, report.KindPollLoop, "executor/executor.go:11:13"); f == nil || f.Verdict != report.VerdictNotHot {
		t.Errorf("BlockOn's loop, never run by the benchmark = %+v; want not hot", f)
	}

	t.Run("an edit above the hot function keeps the match", func(t *testing.T) {
		insertLines(t, filepath.Join(dir, "executor", "executor.go"), "type Context", "// A comment.\n// Another.\n\n")
		moved := build(t, dir, pprof)
		got := find(moved, report.KindPollLoop, "executor/executor.go:24:14") // three lines down
		if got == nil || got.Cum != top.Cum {
			t.Errorf("after an edit above Run: %+v; want the loop found three lines down with the same share %.3f", got, top.Cum)
		}
	})
	t.Run("an edit inside the hot function degrades gracefully", func(t *testing.T) {
		insertLines(t, filepath.Join(dir, "executor", "executor.go"), "\t\tnext := tasks[:0]", "\t\t_ = 0\n")
		edited := build(t, dir, pprof)
		got := find(edited, report.KindPollLoop, "executor/executor.go:25:14")
		if got == nil {
			t.Fatalf("after an edit inside Run the loop is gone from the report")
		}
		// The call moved one line down inside Run: the report reads the
		// samples at its new offset from Run's first line, whatever line of
		// the profiled code that was; it neither fails nor keeps the old
		// line's share.
		prof, err := profile.Load(pprof)
		if err != nil {
			t.Fatal(err)
		}
		run := prof.Func("example.com/whole/executor.Run")
		const oldOffset, newOffset = 4, 5 // executor.go:21 and :22 from func Run at :17, as profiled
		if want := prof.Share(run.LineCum[newOffset]); got.Cum != want {
			t.Errorf("edit inside Run: cum %.3f, want %.3f, the profile's share at the call's new offset", got.Cum, want)
		}
		if old := prof.Share(run.LineCum[oldOffset]); old != top.Cum {
			t.Errorf("the original report did not read the call's own offset: %.3f vs %.3f", top.Cum, old)
		}
	})
	t.Run("small machines only: never rewrite", func(t *testing.T) {
		small := filepath.Join(t.TempDir(), "small.pprof")
		cmd := exec.Command("go", "test", "-run", "^$", "-bench", "BenchmarkRun$", "-benchtime", "1s",
			"-cpuprofile", small, "-o", filepath.Join(t.TempDir(), "bench.test"), "./bench")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("profiling: %v\n%s", err, out)
		}
		// Behind this loop are only 3-state machines (and the Stepper): the
		// rewrite does not pay, so the verdict follows the sampled callee
		// mix: PGO when one callee dominates, neither when none does.
		loop := build(t, dir, small).Findings[0]
		want := report.VerdictNeither
		if len(loop.Callees) > 0 && loop.Callees[0].Share >= 0.9 {
			want = report.VerdictPGO
		}
		if loop.Kind != report.KindPollLoop || loop.Verdict != want {
			t.Errorf("with only small machines behind the loop: %s %s, want %s (callees %v; %s)",
				loop.Kind, loop.Verdict, want, loop.Callees, loop.Why)
		}
	})

	t.Run("formats", func(t *testing.T) {
		var text bytes.Buffer
		if err := r.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(text.String(), "\n") {
			if len([]rune(line)) > report.Width {
				t.Errorf("text line %d is %d columns, over %d: %q", i+1, len([]rune(line)), report.Width, line)
			}
		}
		if !strings.Contains(text.String(), "executor/executor.go:21:14") {
			t.Errorf("text report lacks the top finding:\n%s", text.String())
		}
		var js bytes.Buffer
		if err := r.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		var back struct {
			Profiles []string
			Findings []struct {
				Rank    int
				Kind    string
				Posn    string
				Cum     float64
				Verdict string
				Callees []struct {
					Name  string
					Share float64
				}
			}
		}
		if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Findings) != len(r.Findings) || back.Findings[0].Rank != 1 || back.Findings[0].Kind != report.KindPollLoop {
			t.Errorf("JSON report does not round-trip (%v):\n%s", err, js.String())
		}
		var html bytes.Buffer
		if err := r.WriteHTML(&html); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<svg id="chart"`, `class="finding" id="f1"`, "func sendHeader(", "executor.go:21:14"} {
			if !strings.Contains(html.String(), want) {
				t.Errorf("HTML report lacks %q", want)
			}
		}
		for _, banned := range []string{"<script", "http://", "https://"} {
			if strings.Contains(strings.ReplaceAll(html.String(), `xmlns="http://www.w3.org/2000/svg"`, ""), banned) {
				t.Errorf("HTML report is not self-contained: it has %q", banned)
			}
		}
	})

	t.Run("a profile of another program", func(t *testing.T) {
		prof, err := profile.Load(pprof)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := program.Load(program.Config{Dir: filepath.Join("..", "testdata", "src", "scan16")}, ".")
		if err != nil {
			t.Skip("scan16 is a GOPATH fixture:", err)
		}
		other, _ := report.Build(prog, prof, 0.01)
		if len(other.Warnings) == 0 || !strings.Contains(strings.Join(other.Warnings, "\n"), "a profile of another program?") {
			t.Errorf("warnings = %v, want one saying the profile matches nothing", other.Warnings)
		}
	})
}

func insertLines(t *testing.T, file, before, text string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), before)
	if i < 0 {
		t.Fatalf("%s has no %q", file, before)
	}
	data = []byte(string(data[:i]) + text + string(data[i:]))
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBadProfiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("not a profile"), 100))
	zw.Close()
	for _, tc := range []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.pprof"), "nope.pprof"},
		{"text", write("notes.txt", []byte("these are notes, not a profile\n")), "notes.txt: not a readable pprof profile"},
		{"gzip of garbage", write("junk.pprof", gz.Bytes()), "junk.pprof: not a readable pprof profile"},
		{"truncated", write("cut.pprof", gz.Bytes()[:len(gz.Bytes())/2]), "cut.pprof: not a readable pprof profile"},
		{"heap profile", heapProfile(t, dir), "heap.pprof: not a CPU profile"},
	} {
		_, err := profile.Load(tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Load error = %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

// TestStdTransitionPointer profiles a real standard-library benchmark of a
// state machine that already uses the transition-pointer form
// (text/template/parse's lexer: type stateFn func(*lexer) stateFn) and
// checks that the report ranks it as such, with the CPU of its state
// functions.
func TestStdTransitionPointer(t *testing.T) {
	if testing.Short() {
		t.Skip("profiles a standard-library benchmark")
	}
	pprof := filepath.Join(t.TempDir(), "parse.pprof")
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "BenchmarkParseLarge", "-benchtime", "400ms",
		"-cpuprofile", pprof, "-o", filepath.Join(t.TempDir(), "parse.test"), "text/template/parse")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("profiling text/template/parse: %v\n%s", err, out)
	}
	prof, err := profile.Load(pprof)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := program.Load(program.Config{}, "text/template/parse")
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(prog, prof, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		if f.Kind == report.KindTransitionPointer && strings.HasSuffix(f.Func, "parse.lexer") {
			if f.Verdict != report.VerdictDone || f.Cum < 0.05 {
				t.Errorf("lexer: verdict %q at %.1f%% of CPU; want already transition-pointer with its lexing time", f.Verdict, 100*f.Cum)
			}
			return
		}
	}
	t.Errorf("the report does not list text/template/parse's lexer as transition-pointer: %+v", r.Findings)
}
