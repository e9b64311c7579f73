package trust

import (
	"testing"

	"escape"
)

func TestRunner(t *testing.T) {
	r := escape.Heap(newRunner())
	for range 5 {
		r.Step()
	}
	if r.steps != 3 {
		t.Errorf("%d steps through phaseA, want 3", r.steps)
	}
}

// TestRunnerZeroPanics: the zero runner is in no phase, and the default
// clause panics; the rewrite must keep that.
func TestRunnerZeroPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "BUG: unexpected phase" {
			t.Errorf("zero runner: recovered %v, want the default clause's panic", r)
		}
	}()
	r := escape.Heap(new(runner))
	r.Step()
	t.Error("the zero runner stepped without panicking")
}

func TestAliasReceiver(t *testing.T) {
	m := escape.Heap(new(M))
	if m.Step() || !m.Step() {
		t.Error("want one busy step, then done")
	}
}

func TestDecoder(t *testing.T) {
	d := escape.Heap(newDecoder())
	d.Flush() // flushSync: counts
	d.Flush() // flushNone
	d.Flush() // flushSync: counts
	if d.calls != 2 {
		t.Errorf("%d flushes counted, want 2", d.calls)
	}
	for i, want := range []bool{false, false, true} { // header, body, done
		if got := d.Next(); got != want {
			t.Errorf("step %d: Next() = %v, want %v", i, got, want)
		}
	}
	if d.calls != 3 {
		t.Errorf("%d calls after the body, want 3", d.calls)
	}
}
