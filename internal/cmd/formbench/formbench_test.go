package main

import (
	"bytes"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// root is the repository root, where the command runs.
func root(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", "..", ".."))
}

// TestEmittedUpToDate: the committed emitted forms, the copy of the
// switch form and the benchmark are what fsmvet, the switch form and the
// list of forms give now, byte for byte, so that what is measured is
// what the fix emits.
func TestEmittedUpToDate(t *testing.T) {
	root(t)
	fsmvet := filepath.Join(t.TempDir(), "fsmvet")
	if out, err := exec.Command("go", "build", "-o", fsmvet, "./cmd/fsmvet").CombinedOutput(); err != nil {
		t.Fatalf("building fsmvet: %v\n%s", err, out)
	}
	dst := t.TempDir()
	if err := emit(fsmvet, fixture, dst); err != nil {
		t.Fatal(err)
	}
	stale := false
	for _, f := range forms {
		if !f.emitted && !f.copy {
			continue
		}
		want, err := readGoFiles(filepath.Join(dst, f.dir))
		if err != nil {
			t.Fatal(err)
		}
		got, err := readGoFiles(filepath.Join(fixture, f.dir))
		if err != nil {
			t.Fatal(err)
		}
		if !sameFiles(got, want) {
			t.Errorf("%s differs from what %s emits now", filepath.Join(fixture, f.dir), strings.Join(append([]string{"fsmvet", "-fix"}, f.flags...), " "))
			stale = true
		}
		if f.emitted && bytes.Equal(want["parser.go"], mustRead(t, filepath.Join(fixture, switchDir, "parser.go"))) {
			t.Errorf("the emitted form %s is the switch form", f.name)
		}
	}
	if want := mustRead(t, filepath.Join(dst, benchFile)); !bytes.Equal(mustRead(t, filepath.Join(fixture, benchFile)), want) {
		t.Errorf("%s is not the benchmark of the forms listed", filepath.Join(fixture, benchFile))
		stale = true
	}
	if stale {
		t.Log("regenerate them: go run ./internal/cmd/formbench -emit")
	}
}

// TestFormNotOffered: a form fsmvet does not offer is an error that names
// it, whether fsmvet rejects the flag or applies no fix.
func TestFormNotOffered(t *testing.T) {
	root(t)
	dir := t.TempDir()
	// A stand-in fsmvet that accepts every flag and changes nothing.
	noop := filepath.Join(dir, "noop")
	if err := os.WriteFile(noop, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := fixedSwitchForm(noop, fixture, form{name: "table", flags: []string{"-fsmswitch.form=table"}})
	if err == nil || !strings.Contains(err.Error(), "form table: fsmvet -fix -fsmswitch.form=table ./switchform changed nothing") {
		t.Errorf("a fix that changes nothing: %v", err)
	}
	// One that rejects the flag, as fsmvet does a flag it does not know.
	reject := filepath.Join(dir, "reject")
	if err := os.WriteFile(reject, []byte("#!/bin/sh\necho 'flag provided but not defined: -fsmswitch.form' >&2\nexit 2\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = fixedSwitchForm(reject, fixture, form{name: "table", flags: []string{"-fsmswitch.form=table"}})
	if err == nil || !strings.Contains(err.Error(), "form table: fsmvet -fix -fsmswitch.form=table ./switchform: exit status 2\nflag provided but not defined") {
		t.Errorf("a flag fsmvet rejects: %v", err)
	}
}

// TestFormsPass: every form builds, passes go vet, staticcheck and the
// same tests (the corpus whole, byte by byte and split at every byte,
// the errors, the corrupt state), and the harness measures one round of
// each in each build of two layouts.
func TestFormsPass(t *testing.T) {
	if testing.Short() {
		t.Skip("tests every form of the fixture and builds its benchmark twice")
	}
	root(t)
	log.SetOutput(io.Discard) // measure's progress
	for _, args := range [][]string{
		{"vet", "./..."},
		{"test", "-count=1", "./..."},
		{"run", "honnef.co/go/tools/cmd/staticcheck@v0.8.2", "./..."}, // the version internal/hygiene pins
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = fixture
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	out := t.TempDir()
	if err := measure(out, 1, 2, "1x", "1x"); err != nil {
		t.Fatal(err)
	}
	summary := string(mustRead(t, filepath.Join(out, "summary.md")))
	for _, f := range forms {
		if !strings.Contains(summary, "\n| "+f.name+" | ") {
			t.Errorf("summary.md has no row for %s:\n%s", f.name, summary)
		}
	}
	if !strings.Contains(summary, "\n| switch | ") || !strings.Contains(summary, " | 1.000 [") {
		t.Errorf("summary.md does not give the switch form a ratio of 1 to itself:\n%s", summary)
	}
	for _, file := range []string{"nopgo.txt", "pgo.txt"} {
		results := mustRead(t, filepath.Join(out, file))
		runs := map[string]int{}
		for line := range strings.Lines(string(results)) {
			if fields := strings.Fields(line); len(fields) > 0 && strings.HasPrefix(fields[0], "Benchmark") {
				runs[fields[0]]++
			}
		}
		if len(runs) != len(forms) {
			t.Errorf("%s holds results of %d benchmarks, want %d:\n%s", file, len(runs), len(forms), results)
		}
		for _, f := range forms {
			if n := runs["BenchmarkParse/form="+f.name]; n != 2 {
				t.Errorf("%s holds %d results of %s, want 2 (one per layout):\n%s", file, n, f.name, results)
			}
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
