package report_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// TestRealProfile checks that the report matches what Go itself writes:
// the symbol names, inlining and line numbers of a real CPU profile of
// the testdata/whole benchmark (the hand-made profiles of rank_test.go
// check every rule). The benchmark is built so that the executor's loop
// is where the CPU goes and reaches a 16-state machine (the Lexer, handed
// to the executor only by the benchmark, so seen by the profile alone).
func TestRealProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a CPU profile")
	}
	dir, pprof := wholeProgram(t)
	r := build(t, dir, pprof)
	top := r.Findings[0]
	if top.Kind != report.KindPollLoop || !strings.HasSuffix(top.Posn, "executor/executor.go:21:14") || top.Func != "example.com/whole/executor.Run" {
		t.Fatalf("top finding = %s at %s in %s, want the poll loop in executor.Run", top.Kind, top.Posn, top.Func)
	}
	callees := map[string]bool{}
	for _, c := range top.Callees {
		callees[c.Name] = true
	}
	// Sender's Poll is so cheap that a short profile may sample none of
	// its calls; the lexer's and the stepper's are always there.
	for _, task := range []string{"Stepper", "Lexer"} {
		if !callees["example.com/whole/tasks.(*"+task+").Poll"] {
			t.Errorf("callee mix = %v, want %s in it", top.Callees, task)
		}
	}
	if !slices.Contains(top.Machines, "tasks.Lexer (16 states)") {
		t.Errorf("machines behind the loop = %q, want the Lexer, which only the profile shows", top.Machines)
	}
	// The source lines are those of Run as it is, and the call's line
	// holds the loop's share.
	for _, l := range top.Source {
		if l.Number == 21 && (l.Cum != top.Cum || !strings.Contains(l.Text, "t.Poll(cx)")) {
			t.Errorf("source line 21 = %+v, want the call with the loop's share %v", l, top.Cum)
		}
	}
	if f := find(r, report.KindStateMachine, "tasks/tasks.go:100:2"); f == nil || f.Cum == 0 || f.Fix != "offered" || f.States != 16 {
		t.Errorf("the Lexer = %+v; want its 16 states measured by the profile, with its fix", f)
	}
	// Sender's machine may not be sampled (above); its fix is offered.
	if f := find(r, report.KindStateMachine, "tasks/tasks.go:21:2"); f == nil || f.Fix != "offered" || !strings.Contains(f.Diff, "+func sendHeader(") {
		t.Errorf("the Sender = %+v; want its fix, as a diff", f)
	}
	if f := find(r, report.KindTransitionPointer, "tasks/tasks.go:35:6"); f == nil || f.Cum == 0 {
		t.Errorf("Stepper = %+v; want it ranked as transition-pointer with the CPU of its Poll and state functions", f)
	}
	if f := find(r, report.KindPollLoop, "executor/executor.go:11:13"); f == nil || f.Cum != 0 {
		t.Errorf("BlockOn's loop, never run by the benchmark = %+v; want it ranked with no CPU", f)
	}
}
