package verify

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/program"
)

// fixesSrc is a module with a channel generator, a state machine and an
// iter.Pull loop, each with a fix, in that order of position, and a
// channel generator whose fix is refused (exported).
var fixesSrc = map[string]string{
	"go.mod": "module example.com/order\n\ngo 1.26\n",
	"a.go": `package order

// evens sends the even numbers below n.
func evens(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i += 2 {
			ch <- i
		}
	}()
	return ch
}

// Evens sends them too, to callers outside.
func Evens(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i += 2 {
			ch <- i
		}
	}()
	return ch
}

// Count counts the even numbers below n.
func Count(n int) int {
	c := 0
	for range evens(n) {
		c++
	}
	for range Evens(n) {
		c--
	}
	return c
}

type light int

const (
	off light = iota
	on
	blown
)

// Lamp is switched on and off until it blows.
type Lamp struct {
	light    light
	switches int
}

// Toggle switches the lamp and reports whether it has blown.
func (l *Lamp) Toggle() bool {
	switch l.light {
	case off:
		l.light = on
	case on:
		l.light = off
		if l.switches++; l.switches == 2 {
			l.light = blown
		}
	default:
		return true
	}
	return false
}
`,
	"b.go": `package order

import (
	"iter"
	"slices"
)

// Sum adds xs up, pulling them one at a time.
func Sum(xs []int) int {
	total := 0
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	for {
		v, ok := next()
		if !ok {
			break
		}
		total += v
	}
	return total
}
`,
}

// TestFixes: verify takes every state machine and generator with a fix,
// of every kind, in position order whatever order the analyzers found
// them in (machines first), the same each time; a generator whose fix is
// refused is not verified.
func TestFixes(t *testing.T) {
	dir := t.TempDir()
	for name, text := range fixesSrc {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prog, err := program.Load(program.Config{Dir: dir, Tests: true}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	// The module is the copy; the user's tree is elsewhere.
	s := &scratch{dir: dir, orig: "/home/user/order"}
	type want struct {
		kind, name, posn string
		states           int
		target           string
		files            string
	}
	wants := []want{
		{"channel generator", "evens", "a.go:4:6", 0, "verify.generatorTarget", "/home/user/order/a.go"},
		{KindStateMachine, "Lamp.light", "a.go:55:2", 3, "verify.machineTarget", "/home/user/order/a.go"},
		{"iter.Pull loop", "iter.Pull(slices.Values(xs))", "b.go:11:16", 0, "verify.generatorTarget", "/home/user/order/b.go"},
	}
	for run := range 2 {
		fs := fixes(prog, s, prog.Posn)
		if len(fs) != len(wants) {
			t.Fatalf("run %d: %d fixes, want %d", run, len(fs), len(wants))
		}
		for i, f := range fs {
			w := wants[i]
			var files []string
			for _, ff := range f.files {
				files = append(files, ff.tree)
			}
			if f.kind != w.kind || f.name != w.name || !strings.HasSuffix(f.posn, "/"+w.posn) || f.states != w.states ||
				f.pkgPath != "example.com/order" || typeName(f.target) != w.target || strings.Join(files, " ") != w.files || f.err != nil {
				t.Errorf("run %d, fix %d: %s %q at %s, %d states, %s, target %s, files %v, err %v; want %+v",
					run, i, f.kind, f.name, f.posn, f.states, f.pkgPath, typeName(f.target), files, f.err, w)
			}
			if !strings.HasPrefix(f.diff, "--- ") || !strings.Contains(f.diff, "+++ ") {
				t.Errorf("run %d, %s: diff %q", run, f.name, f.diff)
			}
		}
	}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }
