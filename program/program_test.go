package program_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/program"
)

// TestCrossPackagePollLoops loads a program whose executor package cannot
// see the task types (they live in a package it does not import) and
// checks that the call graph links each poll loop to exactly the tasks the
// program hands it.
func TestCrossPackagePollLoops(t *testing.T) {
	prog, err := program.Load(program.Config{Dir: filepath.Join("..", "testdata", "whole")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // function holding the loop -> its implementations
		"BlockOn": "tasks.*Sender",
		"Run":     "tasks.*Sender tasks.*Stepper",
		"RunAll":  "tasks.*Sender",
	}
	loops := prog.PollLoops(false)
	if len(loops) != len(want) {
		t.Fatalf("got %d poll loops, want %d", len(loops), len(want))
	}
	for _, l := range loops {
		fn := l.Site.Call.Parent().Name()
		var impls []string
		for _, impl := range l.Impls {
			impls = append(impls, impl.String())
		}
		if got := strings.Join(impls, " "); got != want[fn] {
			t.Errorf("poll loop in %s reaches [%s], want [%s]", fn, got, want[fn])
		}
	}
	var names []string
	for _, m := range prog.Machines {
		names = append(names, m.Name())
	}
	if got := strings.Join(names, " "); got != "Sender.state Lexer.state" {
		t.Errorf("machines = %s, want Sender.state and Lexer.state", got)
	}
}

func TestLoadErrors(t *testing.T) {
	_, err := program.Load(program.Config{Dir: t.TempDir()}, "./...")
	if err == nil {
		t.Fatal("loading a directory with no module succeeded")
	}
}
