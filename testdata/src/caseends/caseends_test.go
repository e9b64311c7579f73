package caseends

import (
	"testing"

	"escape"
)

// TestRun drives the pump through every case but the halt, each way it
// can end: with a return, or on to the code after the switch, which
// counts and returns -1.
func TestRun(t *testing.T) {
	p := escape.Heap(new(pump))
	steps := []struct{ n, want, count int }{
		{0, -1, 1}, // off: no case of the inner switch
		{1, 1, 1},  // off: on
		{0, 0, 1},  // on: stays
		{3, 2, 1},  // on: dry
		{1, -1, 2}, // dry: the loop breaks
		{0, 3, 2},  // dry: idle
		{2, -1, 3}, // idle: waits
		{6, 4, 3},  // idle: drain
		{8, 5, 3},  // drain: returns
		{1, -1, 4}, // drain: breaks out of the switch, loop
		{1, -1, 5}, // loop: the loop breaks
		{0, 6, 5},  // loop: count
		{2, -1, 8}, // count: counts 2, spin
		{3, 7, 8},  // spin: off
		{1, 1, 8},  // off: on
	}
	for i, s := range steps {
		if got := p.Run(s.n); got != s.want || p.count != s.count {
			t.Fatalf("step %d: Run(%d) = %d, count %d; want %d, %d", i, s.n, got, p.count, s.want, s.count)
		}
	}
}

// TestHalt only halts a pump: running it would block for good.
func TestHalt(t *testing.T) {
	escape.Heap(new(pump)).halt()
}
